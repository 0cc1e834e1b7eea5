using System.Text.Json;
using System.Xml.Linq;
using GraphFusion.Testing;

namespace GraphFusion.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-").FullName;

    private static string Samples => Path.Combine(RepoPaths.RepoRoot, "samples", "documents");

    [Fact]
    public async Task Ingesting_the_samples_gives_a_graph_with_provenance_and_a_viewer()
    {
        var (code, output) = await CliProcess.RunAsync(work, null, "ingest", Samples, "--html", "out/graph.html");
        Assert.True(code == 0, output);
        Assert.Contains("Ingested", output, StringComparison.Ordinal);

        (code, output) = await CliProcess.RunAsync(work, null, "export", "--format", "json", "--out", "out/graph.json");
        Assert.True(code == 0, output);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "out", "graph.json")));
        var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
        var relations = json.RootElement.GetProperty("relations").EnumerateArray().ToList();
        Assert.True(entities.Count > 50, $"{entities.Count} entities");
        Assert.True(relations.Count > 30, $"{relations.Count} relations");
        var ids = entities.Select(e => e.GetProperty("id").GetString()).ToHashSet();
        foreach (var entity in entities)
        {
            Assert.False(string.IsNullOrEmpty(entity.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(entity.GetProperty("type").GetString()));
            Assert.Equal(JsonValueKind.Array, entity.GetProperty("aliases").ValueKind);
        }

        foreach (var relation in relations)
        {
            Assert.Contains(relation.GetProperty("head").GetString(), ids);
            Assert.Contains(relation.GetProperty("tail").GetString(), ids);
            Assert.InRange(relation.GetProperty("confidence").GetDouble(), 0, 1);
            if (relation.GetProperty("inferred").GetBoolean())
            {
                Assert.False(string.IsNullOrEmpty(relation.GetProperty("reasoning").GetString()));
            }
            else
            {
                Assert.NotEmpty(relation.GetProperty("evidence").EnumerateArray());
            }
        }

        Assert.Contains(relations, r => !r.GetProperty("inferred").GetBoolean());

        var merged = entities.Single(e => e.GetProperty("name").GetString()!.Equals("long short-term memory", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("LSTM", merged.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("graph-data", await File.ReadAllTextAsync(Path.Combine(work, "out", "graph.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_documents_are_listed_and_the_run_still_exits_zero()
    {
        var docs = Directory.CreateDirectory(Path.Combine(work, "docs")).FullName;
        File.Copy(Path.Combine(Samples, "attention.md"), Path.Combine(docs, "attention.md"));
        await File.WriteAllTextAsync(Path.Combine(docs, "empty.txt"), "");
        await File.WriteAllBytesAsync(Path.Combine(docs, "blob.txt"), [0, 1, 2, 3, 0, 255]);
        await File.WriteAllTextAsync(Path.Combine(docs, "broken.pdf"), "%PDF-1.4 garbage");

        var (code, output) = await CliProcess.RunAsync(work, null, "ingest", docs, "--store", "sqlite:custom/graph.db");

        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(work, "custom", "graph.db")));
        Assert.Contains("empty.txt: is empty", output, StringComparison.Ordinal);
        Assert.Contains("blob.txt: looks like binary data", output, StringComparison.Ordinal);
        Assert.Contains("broken.pdf:", output, StringComparison.Ordinal);
        Assert.Matches(@"Ingested\s*│\s*1", output);
        Assert.Matches(@"Failed\s*│\s*3", output);
    }

    [Fact]
    public async Task Graphml_export_parses_and_a_missing_input_is_a_non_zero_exit()
    {
        var (code, output) = await CliProcess.RunAsync(work, null, "ingest", Path.Combine(Samples, "transformers.md"));
        Assert.True(code == 0, output);
        (code, output) = await CliProcess.RunAsync(work, null, "export", "--format", "graphml", "--out", "g.graphml");
        Assert.True(code == 0, output);

        var graphml = XDocument.Load(Path.Combine(work, "g.graphml"));
        Assert.Contains(graphml.Descendants(), e => e.Name.LocalName == "node");

        (code, output) = await CliProcess.RunAsync(work, null, "ingest", Path.Combine(work, "does-not-exist"));
        Assert.NotEqual(0, code);
        Assert.Contains("does-not-exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusing_the_whole_graph_leaves_the_ingested_graph_as_it_was()
    {
        var (code, output) = await CliProcess.RunAsync(work, null, "ingest", Path.Combine(Samples, "transformers.md"), Path.Combine(Samples, "attention.md"));
        Assert.True(code == 0, output);
        (code, output) = await CliProcess.RunAsync(work, null, "export", "--format", "json", "--out", "before.json");
        Assert.True(code == 0, output);

        (code, output) = await CliProcess.RunAsync(work, null, "refuse", "--all", "--judge", "none");
        Assert.True(code == 0, output);
        Assert.Matches(@"Whole graph fused in [\d.]+ s: [1-9]\d* keys", output);
        (code, output) = await CliProcess.RunAsync(work, null, "export", "--format", "json", "--out", "after.json");
        Assert.True(code == 0, output);

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(work, "before.json")), await File.ReadAllTextAsync(Path.Combine(work, "after.json")));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
