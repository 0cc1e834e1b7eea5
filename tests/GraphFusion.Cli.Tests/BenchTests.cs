using System.Text.Json;
using System.Xml.Linq;

namespace GraphFusion.Cli.Tests;

public sealed class BenchTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-bench-").FullName;

    [Fact]
    public async Task Quick_bench_all_writes_the_results_the_report_and_plots_that_parse()
    {
        var output = Path.Combine(work, "out");
        var (code, text) = await CliProcess.RunAsync(
            work, null, "bench", "all", "--quick", "--out", output, "--datasets", Path.Combine(work, "no-datasets"), "--skip", "worker");

        Assert.True(code == 0, text);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "perf", "bench-results.json")));
        var sections = json.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["e2e", "orchestration", "stores", "fusion-scale", "quality", "merge"], sections);
        Assert.Contains("generated corpus", json.RootElement.GetProperty("sections")[0].GetProperty("data").GetProperty("corpus").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("machine").GetProperty("cpu").GetString()));

        var markdown = File.ReadAllText(Path.Combine(output, "performance.md"));
        Assert.Contains("# Performance", markdown, StringComparison.Ordinal);
        Assert.Contains("](perf/fusion-scale.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("](perf/merge/merge-time.svg)", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "perf", "merge", "merge-time.svg")));
        Assert.Contains("| glossary linking (samples/references) | accuracy **", markdown, StringComparison.Ordinal);
        Assert.Contains("Not run: extraction (SciERC dev): left out of --quick", markdown, StringComparison.Ordinal);

        var svgs = Directory.GetFiles(Path.Combine(output, "perf"), "*.svg");
        Assert.NotEmpty(svgs);
        foreach (var svg in svgs)
        {
            Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
        }
    }

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
