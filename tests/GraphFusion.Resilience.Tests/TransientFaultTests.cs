using GraphFusion.Cli;
using GraphFusion.Core.Extraction;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Testing;

namespace GraphFusion.Resilience.Tests;

/// <summary>Ingestion through a proxy that throttles, fails and drops a share of Cosmos requests ends with the fault-free graph.</summary>
[Collection(EmulatorsCollection.Name)]
[Trait("Category", "Heavy")]
public sealed class TransientFaultTests(EmulatorsFixture emulators, ITestOutputHelper output) : IDisposable
{
    private const int Documents = 20;
    private readonly string root = Directory.CreateTempSubdirectory("gf-faults-").FullName;

    [Theory]
    [InlineData(0.10, 0.0)]
    [InlineData(0.04, 0.06)]
    public async Task Cosmos_faults_are_retried_to_the_fault_free_graph(double throttleRate, double failRate)
    {
        var files = Corpus.WriteOverlapping(Path.Combine(root, "docs"), Documents);
        var clean = CosmosFixture.UniqueName("clean");
        var faulty = CosmosFixture.UniqueName("faulty");
        await using var proxy = await FaultInjectingProxy.StartAsync(emulators.Cosmos.Emulator.Endpoint,
            FaultRules.Cosmos(throttleRate, failRate, request => request.Path.Value?.Contains("/docs", StringComparison.Ordinal) == true), seed: 11);
        try
        {
            var expected = await IngestAsync(emulators.Cosmos.Emulator.Endpoint, clean, files);
            var actual = await IngestAsync(proxy.Endpoint, faulty, files);

            output.WriteLine($"Fault-free: {expected.Graph}");
            output.WriteLine($"Faulty:     {actual.Graph}");
            output.WriteLine($"Proxy: {proxy.Describe()}");
            ScenarioTable.Row(output, "Transient Cosmos faults (429 / 503 / dropped)", $"{Documents} docs; 429: {throttleRate:P0}, 503+drop: {failRate:P0} of data requests; seed 11",
                $"{(expected.Graph == actual.Graph ? "graph identical" : "graph differs")}; {proxy.Describe()}",
                $"{actual.Statuses.Count(s => s != "Ingested")} docs failed");
            Assert.True(proxy.Injected > 0, proxy.Describe());
            Assert.All(actual.Statuses, s => Assert.Equal("Ingested", s));
            Assert.Equal(expected.Graph, actual.Graph);
        }
        finally
        {
            foreach (var database in new[] { clean, faulty })
            {
                using var response = await emulators.Cosmos.Client.GetDatabase(database).DeleteStreamAsync();
            }
        }
    }

    private async Task<(GraphFingerprint Graph, IReadOnlyList<string> Statuses)> IngestAsync(Uri endpoint, string database, IReadOnlyList<string> files)
    {
        var options = new CosmosGraphStoreOptions { Endpoint = endpoint, Key = CosmosEmulator.WellKnownKey, UseGateway = true, Database = database };
        using var client = CosmosClientFactory.Create(options);
        var store = await CosmosGraphStore.CreateAsync(client, options, CancellationToken.None);
        var outcomes = await new LocalPipelineRunner(store, new StatisticalExtractor(), 16).IngestAsync(files, null, CancellationToken.None);
        foreach (var failed in outcomes.Where(o => o.Status != "Ingested"))
        {
            output.WriteLine($"Failed: {failed.Error}");
        }

        // The graph is read past the proxy: the question is what was written, not whether the read survives faults.
        var direct = await CosmosGraphStore.CreateAsync(emulators.Cosmos.Client, new CosmosGraphStoreOptions { Database = database }, CancellationToken.None);
        return (await GraphFingerprint.OfAsync(direct), outcomes.Select(o => o.Status).ToList());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
