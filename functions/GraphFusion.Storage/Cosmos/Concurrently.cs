namespace GraphFusion.Storage.Cosmos;

/// <summary>Runs many small point operations with a bounded number in flight (bulk mode groups them when enabled).</summary>
internal static class Concurrently
{
    public static Task ForEachAsync<T>(IEnumerable<T> items, int degree, Func<T, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree), CancellationToken = cancellationToken },
            async (item, token) => await action(item, token).ConfigureAwait(false));
}
