using System.Text.Json;
using GraphFusion.Testing;

namespace GraphFusion.Cli.Tests;

[CollectionDefinition(CosmosFixture.CollectionName)]
public sealed class CosmosCollection : ICollectionFixture<CosmosFixture>;

[Collection(CosmosFixture.CollectionName)]
public sealed class CosmosCliTests(CosmosFixture cosmos) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-cosmos-").FullName;

    [Fact]
    public async Task The_store_option_selects_cosmos()
    {
        var environment = new Dictionary<string, string>
        {
            ["GRAPHFUSION_COSMOS_KEY"] = cosmos.Emulator.Key,
            ["GRAPHFUSION_COSMOS_DATABASE"] = CosmosFixture.UniqueName("cli"),
        };
        var store = "cosmos:" + cosmos.Emulator.Endpoint;
        var sample = Path.Combine(RepoPaths.RepoRoot, "samples", "documents", "recurrent-networks.txt");

        var (code, output) = await CliProcess.RunAsync(work, environment, "ingest", sample, "--store", store);
        Assert.True(code == 0, output);
        (code, output) = await CliProcess.RunAsync(work, environment, "export", "--store", store, "--format", "json", "--out", "g.json");
        Assert.True(code == 0, output);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "g.json")));
        Assert.Contains(json.RootElement.GetProperty("entities").EnumerateArray(), e => e.GetProperty("aliases").EnumerateArray().Any(a => a.GetString() == "LSTM"));
        Assert.False(File.Exists(Path.Combine(work, ".graphfusion", "graph.db")));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
