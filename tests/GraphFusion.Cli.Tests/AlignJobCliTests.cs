using GraphFusion.Testing;

namespace GraphFusion.Cli.Tests;

/// <summary><c>graphfusion align-job</c>: the sample job through the AlignGraphs orchestration in process, and a failing job.</summary>
public sealed class AlignJobCliTests : IDisposable
{
    private readonly string results = Directory.CreateTempSubdirectory("gf-cli-align-job-").FullName;

    public void Dispose() => Directory.Delete(results, recursive: true);

    [Fact]
    public async Task The_sample_job_aligns_capitals_by_structure_where_names_mislead()
    {
        var (code, output) = await CliProcess.RunAsync(
            RepoPaths.RepoRoot, null, "align-job", Path.Combine("samples", "alignments", "capitals.local.json"), "--results", results);

        Assert.True(code == 0, output);
        Assert.Contains("Aligned 8 × 10 entities from 4 seeds: 8 pairs", output, StringComparison.Ordinal);
        var pairs = File.ReadAllLines(Path.Combine(results, "capitals.local", "pairs.tsv")).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[1]);

        // Londres is closer by name to Londrina (11) than to London (10); the Thames seed's neighbour decides.
        Assert.Equal(("10", "13", "16", "19"), (pairs["0"], pairs["2"], pairs["5"], pairs["7"]));
    }

    [Fact]
    public async Task A_job_naming_a_missing_graph_exits_non_zero_with_the_path()
    {
        var job = Path.Combine(results, "broken.json");
        await File.WriteAllTextAsync(job, $$"""{ "left": "{{results}}/nowhere/", "right": "{{results}}/nowhere/", "seeds": "{{results}}/seeds.tsv" }""");

        var (code, output) = await CliProcess.RunAsync(results, null, "align-job", job, "--results", results);

        Assert.Equal(1, code);
        Assert.Contains($"Failed: {results}/nowhere/: not found", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(results, "broken", "pairs.tsv")));
    }
}
