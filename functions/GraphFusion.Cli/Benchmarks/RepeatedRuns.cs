namespace GraphFusion.Cli.Benchmarks;

/// <summary>Medians over repeated runs of one measurement, figure by figure.</summary>
internal static class RepeatedRuns
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The median of the values present, or null when none is.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : Median(present);
    }

    /// <summary>Parses a <c>--runs</c> value: a positive count.</summary>
    public static int Count(int runs) =>
        runs > 0 ? runs : throw new ArgumentException($"--runs must be a positive number of runs, not {runs}.");
}
