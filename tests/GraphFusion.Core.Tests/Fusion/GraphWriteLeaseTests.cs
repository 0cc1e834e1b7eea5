using GraphFusion.Core.Fusion;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.Fusion;

/// <summary>Writers under the graph's write lease never overlap, also across store instances sharing one file.</summary>
public sealed class GraphWriteLeaseTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"gf-lease-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Concurrent_writers_on_two_store_instances_take_turns()
    {
        var stores = new[] { new SqliteGraphStore(path), new SqliteGraphStore(path) };
        var inside = 0;
        var overlaps = 0;
        var runs = 0;

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => GraphWriteLease.RunAsync(stores[i % 2], new GraphWriteLeaseOptions(), async token =>
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(15, token);
            Interlocked.Decrement(ref inside);
            return Interlocked.Increment(ref runs);
        }, CancellationToken.None))));

        Assert.Equal(12, runs);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task The_lease_is_renewed_while_the_work_runs_longer_than_its_duration()
    {
        var store = new SqliteGraphStore(path);
        var options = new GraphWriteLeaseOptions { Duration = TimeSpan.FromMilliseconds(300) };
        var other = false;

        await GraphWriteLease.RunAsync(store, options, async token =>
        {
            await Task.Delay(900, token);
            other = await store.TryAcquireLeaseAsync(GraphWriteLease.Name, "someone else", options.Duration, token);
            return 0;
        }, CancellationToken.None);

        Assert.False(other);
        Assert.True(await store.TryAcquireLeaseAsync(GraphWriteLease.Name, "someone else", options.Duration, CancellationToken.None));
    }

    [Fact]
    public async Task A_writer_gives_up_with_a_timeout_when_the_lease_stays_taken()
    {
        var store = new SqliteGraphStore(path);
        Assert.True(await store.TryAcquireLeaseAsync(GraphWriteLease.Name, "crashed holder", TimeSpan.FromMinutes(5), CancellationToken.None));
        var options = new GraphWriteLeaseOptions { MaxWait = TimeSpan.FromMilliseconds(200) };
        var ran = false;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => GraphWriteLease.RunAsync(store, options, _ => Task.FromResult(ran = true), CancellationToken.None));

        Assert.False(ran);
        Assert.Contains("write lease", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writer_that_loses_the_lease_is_cancelled_and_fails()
    {
        var store = new SqliteGraphStore(path);
        var options = new GraphWriteLeaseOptions { Duration = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => GraphWriteLease.RunAsync(store, options, async token =>
        {
            // Another writer takes the lease over, as after this holder's renewals failed until it expired.
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
            {
                connection.Open();
                using var steal = connection.CreateCommand();
                steal.CommandText = "UPDATE leases SET holder = 'thief'";
                steal.ExecuteNonQuery();
            }

            await Task.Delay(TimeSpan.FromSeconds(5), token);
            return 0;
        }, CancellationToken.None));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.False(await store.TryAcquireLeaseAsync(GraphWriteLease.Name, "next", options.Duration, CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
