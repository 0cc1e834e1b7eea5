using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>Settings shared by the benchmark suite.</summary>
internal sealed record BenchSettings(bool Quick, int Runs, string? Datasets, string Out, Action<string> Log);

/// <summary>Median, minimum and maximum of repeated runs.</summary>
internal sealed record Stat(double Median, double Min, double Max, int Runs)
{
    public static Stat Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Stat(double.NaN, double.NaN, double.NaN, 0);
        }

        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Stat(median, sorted[0], sorted[^1], sorted.Length);
    }

    public string Format(string format = "F2") =>
        Runs <= 1
            ? Median.ToString(format, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Min.ToString(format, CultureInfo.InvariantCulture)}–{Max.ToString(format, CultureInfo.InvariantCulture)})");
}

/// <summary>One measured quantity.</summary>
internal sealed record Metric(string Name, string Unit, Stat Value);

/// <summary>A ratio check of <c>bench all</c>: a failed guard makes the run exit non-zero.</summary>
internal sealed record Guard(string Name, bool Passed, string Detail);

/// <summary>The result of one benchmark: metrics, a markdown section, plots and guards.</summary>
internal sealed class BenchSection(string name)
{
    public string Name { get; } = name;

    public List<Metric> Metrics { get; } = [];

    public List<string> Notes { get; } = [];

    public List<Guard> Guards { get; } = [];

    public Dictionary<string, object> Data { get; } = [];

    /// <summary>Markdown body (tables) without the heading.</summary>
    public string Markdown { get; set; } = "";

    /// <summary>SVG file name (in perf/) to SVG text.</summary>
    public Dictionary<string, string> Plots { get; } = [];

    public string? Error { get; set; }

    public Metric Add(string metric, string unit, IEnumerable<double> values)
    {
        var m = new Metric(metric, unit, Stat.Of(values));
        Metrics.Add(m);
        return m;
    }
}

/// <summary>Describes the machine a run was measured on.</summary>
internal sealed record MachineDescription(string Cpu, int LogicalCores, double MemoryGb, string Os, string Runtime, double LoadAverage, bool Shared)
{
    public static MachineDescription Current()
    {
        var load = LoadAverage1();
        return new MachineDescription(
            CpuModel(), Environment.ProcessorCount, ReadMemoryGb(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            load, load > Environment.ProcessorCount * 0.5);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Cpu}, {LogicalCores} logical cores, {MemoryGb:F1} GB RAM, {Os}, {Runtime}; 1-minute load average {LoadAverage:F2} at the start");

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static double ReadMemoryGb()
    {
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                var kb = double.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture);
                return kb / 1024 / 1024;
            }
        }
        catch (IOException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024;
    }

    private static double LoadAverage1()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>Small measurement helpers.</summary>
internal static class Measure
{
    public static double Seconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> SecondsAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    public static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
