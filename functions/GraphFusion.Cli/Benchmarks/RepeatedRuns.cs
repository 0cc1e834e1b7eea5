using GraphFusion.Cli.Commands.Bench;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>Medians over repeated runs of one measurement, figure by figure (by <see cref="Stat"/>).</summary>
internal static class RepeatedRuns
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var stat = Stat.Of(values);
        return stat.Runs > 0 ? stat.Median : throw new ArgumentException("No values.", nameof(values));
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
