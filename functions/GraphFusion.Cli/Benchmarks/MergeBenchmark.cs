using System.Diagnostics;
using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>One measured merge.</summary>
internal sealed record MergeMeasurement(
    double SizeGb, string Method, int Inputs, long BytesRead, double Seconds, double ReadGbPerSecond, long PeakRssBytes, long PeakAnonBytes)
{
    /// <summary>Process CPU time (user + system, all threads) spent in the merge.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>CPU seconds per GB read: less sensitive than GB/s to other load on a shared machine.</summary>
    public double CpuSecondsPerGb => BytesRead > 0 ? CpuSeconds / (BytesRead / 1e9) : 0;

    /// <summary>One-minute load average when the merge finished (0 where the platform does not say).</summary>
    public double LoadAverage { get; init; }

    /// <summary>How many runs the figures are medians of.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Fastest of the runs, in seconds.</summary>
    public double MinSeconds { get; init; }

    /// <summary>Slowest of the runs, in seconds.</summary>
    public double MaxSeconds { get; init; }

    /// <summary>The runs of one size and method as one measurement: medians of time, CPU and load; the highest peaks.</summary>
    public static MergeMeasurement MedianOf(IReadOnlyList<MergeMeasurement> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var first = runs[0];
        var seconds = RepeatedRuns.Median(runs.Select(r => r.Seconds));
        return first with
        {
            Seconds = seconds,
            ReadGbPerSecond = first.BytesRead / 1e9 / seconds,
            PeakRssBytes = runs.Max(r => r.PeakRssBytes),
            PeakAnonBytes = runs.Max(r => r.PeakAnonBytes),
            CpuSeconds = RepeatedRuns.Median(runs.Select(r => r.CpuSeconds)),
            LoadAverage = RepeatedRuns.Median(runs.Select(r => r.LoadAverage)),
            Runs = runs.Count,
            MinSeconds = runs.Min(r => r.Seconds),
            MaxSeconds = runs.Max(r => r.Seconds),
        };
    }
}

/// <summary>
/// For each size: writes a base and four fine-tunes, then merges the four with linear, TIES and DARE (the latter two
/// over the base, so they read five models) once per run, dropping the inputs from the page cache before each run unless warm.
/// </summary>
internal sealed class MergeBenchmark(string workFolder, SafeTensorsDType dtype, bool warm, IMergeKernel? kernel = null)
{
    public const int FineTunes = 4;

    private static readonly (string Method, bool UsesBase, string Parameters)[] Methods =
    [
        ("linear", false, "weight: 1.0"),
        ("ties", true, "weight: 1.0, density: 0.5"),
        ("dare_linear", true, "weight: 1.0, density: 0.5"),
    ];

    /// <summary>Writes the models of one size once, then merges them <paramref name="runs"/> times with each method.</summary>
    public async Task<IReadOnlyList<MergeMeasurement>> RunSizeAsync(double sizeGb, int runs, Action<string> status, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workFolder, $"models-{sizeGb.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        status($"{sizeGb} GB: writing 1 base + {FineTunes} fine-tunes ({dtype})");
        var files = SyntheticModels.Write(folder, (long)(sizeGb * 1e9), FineTunes, dtype);
        var results = new List<MergeMeasurement>();
        foreach (var (method, usesBase, parameters) in Methods)
        {
            var measured = new List<MergeMeasurement>();
            for (var run = 1; run <= runs; run++)
            {
                status(runs == 1 ? $"{sizeGb} GB: {method}" : $"{sizeGb} GB: {method}, run {run} of {runs}");
                measured.Add(await MeasureAsync(folder, files, sizeGb, method, usesBase, parameters, cancellationToken));
            }

            results.Add(MergeMeasurement.MedianOf(measured));
        }

        return results;
    }

    /// <summary>The largest input file written so far (for the read-bandwidth ceiling).</summary>
    public string? LargestInput() =>
        Directory.Exists(workFolder)
            ? Directory.EnumerateFiles(workFolder, "*.safetensors", SearchOption.AllDirectories).MaxBy(f => new FileInfo(f).Length)
            : null;

    private async Task<MergeMeasurement> MeasureAsync(
        string folder, IReadOnlyList<string> files, double sizeGb, string method, bool usesBase, string parameters, CancellationToken cancellationToken)
    {
        var models = string.Concat(Enumerable.Range(1, FineTunes).Select(i => $"  - model: ./ft{i}\n    parameters: {{{parameters}}}\n"));
        var yaml = $"merge_method: {method}\n{(usesBase ? "base_model: ./base\n" : string.Empty)}models:\n{models}seed: 1\n";
        var recipe = MergeRecipe.Parse(yaml, folder);
        var output = Path.Combine(workFolder, $"out-{method}");
        var inputs = usesBase ? files : files.Skip(1).ToList();
        if (!warm)
        {
            foreach (var file in inputs)
            {
                PageCache.Evict(file);
            }
        }

        MergeResult result;
        long peakRss, peakAnon;
        TimeSpan cpu;
        using (var memory = PeakMemory.Start())
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            result = await MergeEngine.RunAsync(recipe, output, MergeEngineOptions.Default with { Kernel = kernel ?? CpuSimdMergeKernel.Instance }, null, cancellationToken);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            (peakRss, peakAnon) = memory.Stop();
        }

        Directory.Delete(output, recursive: true);
        var seconds = result.Elapsed.TotalSeconds;
        return new MergeMeasurement(sizeGb, method, inputs.Count, result.BytesRead, seconds, result.BytesRead / 1e9 / seconds, peakRss, peakAnon)
        {
            CpuSeconds = cpu.TotalSeconds,
            LoadAverage = LoadAverage.OneMinute(),
        };
    }
}
