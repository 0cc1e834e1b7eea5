using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GraphFusion.Cli.Commands.Bench;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>The machine the benchmark ran on and its measured ceilings.</summary>
internal sealed record BenchMachine(
    string Os, string Cpu, int LogicalCores, double MemoryGb, string Runtime, double SequentialReadGbPerSecond, string SequentialReadMethod,
    double MemoryCopyGbPerSecond, double MemoryCopySingleThreadGbPerSecond, string DType, bool ColdCache)
{
    /// <summary>The merge kernel measured (<c>--accelerator</c>): <c>cpu-simd</c>, or the ILGPU kernel and its device.</summary>
    public string Accelerator { get; init; } = "cpu-simd";
}

/// <summary>Benchmark results as JSON and as a markdown table.</summary>
internal sealed record BenchReport(string Command, BenchMachine Machine, IReadOnlyList<MergeMeasurement> Results)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public (string JsonPath, string MarkdownPath) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var jsonPath = Path.Combine(folder, "bench-merge.json");
        var markdownPath = Path.Combine(folder, "bench-merge.md");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(this, Json));
        File.WriteAllText(markdownPath, ToMarkdown());
        foreach (var (file, svg) in Plots())
        {
            File.WriteAllText(Path.Combine(folder, file), svg);
        }

        return (jsonPath, markdownPath);
    }

    /// <summary>Time and peak memory against model size (log-log, one line per method) and throughput against the disk ceiling.</summary>
    public IReadOnlyDictionary<string, string> Plots()
    {
        var methods = Results.GroupBy(r => r.Method).ToList();
        IReadOnlyList<(string, IReadOnlyList<(double, double)>)> Series(Func<MergeMeasurement, double> value) =>
            [.. methods.Select(g => (g.Key, (IReadOnlyList<(double, double)>)[.. g.Select(r => (r.SizeGb, value(r)))]))];

        var bars = new List<(string Label, double Value, bool Highlight)> { ("disk read ceiling", Machine.SequentialReadGbPerSecond, true) };
        bars.AddRange(Results.Select(r => (string.Create(CultureInfo.InvariantCulture, $"{r.SizeGb} GB, {r.Method}"), r.ReadGbPerSecond, false)));
        return new Dictionary<string, string>
        {
            ["merge-time.svg"] = Svg.LogLog("Merge time against model size", "size per model (GB)", "time (s)", Series(r => r.Seconds)),
            ["merge-memory.svg"] = Svg.LogLog("Merge peak RSS against model size", "size per model (GB)", "peak RSS (GB)", Series(r => r.PeakRssBytes / 1e9)),
            ["merge-throughput.svg"] = Svg.Bars("Merge throughput against the disk read ceiling", "GB/s read", bars),
        };
    }

    public string ToMarkdown()
    {
        var m = Machine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{Command}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cpu}, {m.LogicalCores} logical cores, {m.MemoryGb:F0} GB RAM, {m.Os}, {m.Runtime}. Inputs {m.DType}, page cache {(m.ColdCache ? "dropped before each merge" : "warm")}. Merge kernel: {m.Accelerator}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Ceilings: sequential read {m.SequentialReadGbPerSecond:F2} GB/s ({m.SequentialReadMethod}); memory copy {m.MemoryCopyGbPerSecond:F2} GB/s all cores, {m.MemoryCopySingleThreadGbPerSecond:F2} GB/s one core.");
        if (Results.FirstOrDefault() is { Runs: > 1 } repeated)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Medians of {repeated.Runs} merges per row, time with (min–max); peaks are the highest of the runs.");
        }

        text.AppendLine();
        text.AppendLine("| size per model (GB) | method | models read | read (GB) | time (s) | throughput (GB/s read) | % of disk read | CPU (s) | CPU-s per GB | load | peak RSS (GB) | peak anon RSS (GB) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.SizeGb} | {r.Method} | {r.Inputs} | {r.BytesRead / 1e9:F2} | {Time(r)} | {r.ReadGbPerSecond:F2} | {100 * r.ReadGbPerSecond / Math.Max(m.SequentialReadGbPerSecond, 1e-9):F0}% | {r.CpuSeconds:F1} | {r.CpuSecondsPerGb:F2} | {r.LoadAverage:F1} | {r.PeakRssBytes / 1e9:F2} | {r.PeakAnonBytes / 1e9:F2} |");
        }

        return text.ToString();
    }

    private static string Time(MergeMeasurement r) =>
        new Stat(r.Seconds, r.MinSeconds, r.MaxSeconds, r.Runs).Format("F1");

    public static BenchMachine Describe(double readGbps, double copyGbps, double copySingleGbps, string dtype, bool cold) => new(
        RuntimeInformation.OSDescription,
        CpuName(),
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9,
        RuntimeInformation.FrameworkDescription,
        readGbps,
        PageCache.IsSupported ? "one pass over the largest input after posix_fadvise(DONTNEED), 8 MiB reads" : "page cache not dropped (not Linux): an upper bound",
        copyGbps,
        copySingleGbps,
        dtype,
        cold);

    private static string CpuName()
    {
        const string path = "/proc/cpuinfo";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
