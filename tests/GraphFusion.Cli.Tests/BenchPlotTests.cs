using System.Xml.Linq;
using GraphFusion.Cli.Benchmarks;

namespace GraphFusion.Cli.Tests;

public sealed class BenchPlotTests : IDisposable
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private readonly string work = Directory.CreateTempSubdirectory("gf-bench-plots-").FullName;

    [Fact]
    public void Merge_report_draws_time_and_memory_against_size_per_method_and_throughput_against_the_disk_ceiling()
    {
        MergeMeasurement[] results =
        [
            new(0.5, "linear", 4, 2_120_000_000, 1.6, 1.31, 1_940_000_000, 1_650_000_000),
            new(0.5, "ties", 5, 2_660_000_000, 4.2, 0.63, 2_170_000_000, 1_870_000_000),
            new(2, "linear", 4, 8_050_000_000, 5.3, 1.51, 2_070_000_000, 1_780_000_000),
            new(2, "ties", 5, 10_070_000_000, 17.1, 0.59, 2_160_000_000, 1_870_000_000),
        ];
        var machine = BenchReport.Describe(1.37, 28.1, 15.5, "BF16", cold: true);

        new BenchReport("graphfusion bench merge", machine, results).Write(work);

        var time = XDocument.Load(Path.Combine(work, "merge-time.svg"));
        Assert.Equal(results.Length, time.Descendants(SvgNs + "circle").Count());
        Assert.Equal(["linear", "ties"], Legend(time));
        Assert.Equal(results.Length, XDocument.Load(Path.Combine(work, "merge-memory.svg")).Descendants(SvgNs + "circle").Count());

        var throughput = XDocument.Load(Path.Combine(work, "merge-throughput.svg"));
        var labels = Texts(throughput);
        Assert.Contains("disk read ceiling", labels);
        Assert.Contains("2 GB, ties", labels);
        Assert.Equal(results.Length + 1, throughput.Descendants(SvgNs + "rect").Count(r => r.Attribute("height")?.Value == "22"));
    }

    [Fact]
    public void Worker_report_draws_every_configuration_beside_its_ceiling_and_latency_against_clients()
    {
        WorkerMeasurement[] results =
        [
            new("embeddings", true, 1, 256, 197.8, 4.9, 7.0, 4.0, 5.9),
            new("embeddings", true, 64, 256, 355.0, 173.3, 203.1),
            new("embeddings", false, 1, 256, 207.2, 4.7, 6.3, 3.9, 5.5),
            new("embeddings", false, 64, 256, 236.6, 268.8, 278.3),
        ];

        new WorkerBenchReport("graphfusion bench worker", "test machine", 29, [new("embeddings", 8, true, 356.2)], results).Write(work);

        var throughput = XDocument.Load(Path.Combine(work, "worker-throughput.svg"));
        var labels = Texts(throughput);
        Assert.Contains("embeddings, in-process ceiling", labels);
        Assert.Contains("embeddings, batching off, 64 clients", labels);
        Assert.Contains("embeddings, batching on, 1 client", labels);

        var latency = XDocument.Load(Path.Combine(work, "worker-latency.svg"));
        Assert.Equal(["embeddings, batching on", "embeddings, batching off"], Legend(latency));
        Assert.Equal(results.Length, latency.Descendants(SvgNs + "circle").Count());
    }

    private static List<string> Texts(XDocument svg) => [.. svg.Descendants(SvgNs + "text").Select(t => t.Value)];

    // Legend entries are the texts drawn in a series colour; the grey ones are notes.
    private static List<string> Legend(XDocument svg) =>
        [.. svg.Descendants(SvgNs + "text").Where(t => t.Attribute("fill")?.Value is { } fill && fill != "#777").Select(t => t.Value)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
