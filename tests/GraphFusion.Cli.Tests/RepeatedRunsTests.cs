using GraphFusion.Cli.Benchmarks;

namespace GraphFusion.Cli.Tests;

public sealed class RepeatedRunsTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void Median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double expected) =>
        Assert.Equal(expected, RepeatedRuns.Median(values));

    [Fact]
    public void Median_ignores_absent_values_and_is_absent_when_all_are() =>
        Assert.Multiple(
            () => Assert.Equal(2.0, RepeatedRuns.Median([null, 2.0, null])),
            () => Assert.Null(RepeatedRuns.Median(new double?[] { null, null })));

    [Fact]
    public void Runs_must_be_positive() =>
        Assert.Contains("--runs", Assert.Throws<ArgumentException>(() => RepeatedRuns.Count(0)).Message, StringComparison.Ordinal);

    [Fact]
    public void Merge_runs_report_the_median_time_its_throughput_the_range_and_the_highest_peak()
    {
        MergeMeasurement Run(double seconds, long peak) => new(2, "ties", 5, 10_000_000_000, seconds, 10 / seconds, peak, peak / 2) { CpuSeconds = seconds * 2 };

        var merged = MergeMeasurement.MedianOf([Run(5, 300), Run(4, 100), Run(8, 200)]);

        Assert.Equal(5, merged.Seconds);
        Assert.Equal(2.0, merged.ReadGbPerSecond, 9);
        Assert.Equal((4.0, 8.0), (merged.MinSeconds, merged.MaxSeconds));
        Assert.Equal((300L, 150L), (merged.PeakRssBytes, merged.PeakAnonBytes));
        Assert.Equal(10, merged.CpuSeconds);
        Assert.Equal(3, merged.Runs);
    }

    [Fact]
    public void Worker_runs_report_the_median_of_each_figure()
    {
        var merged = WorkerMeasurement.MedianOf(
        [
            new("embeddings", true, 1, 256, 100, 4, 6, 3, 5),
            new("embeddings", true, 1, 256, 300, 2, 9, 4, 7),
            new("embeddings", true, 1, 256, 200, 3, 7, 5, 6),
        ]);

        Assert.Equal((200.0, 3.0, 7.0, 4.0, 6.0), (merged.SentencesPerSecond, merged.P50Ms, merged.P95Ms, merged.DirectP50Ms!.Value, merged.DirectP95Ms!.Value));
        Assert.Equal((100.0, 300.0, 3), (merged.MinSentencesPerSecond, merged.MaxSentencesPerSecond, merged.Runs));
    }
}
