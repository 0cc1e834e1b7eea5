using System.Diagnostics;
using GraphFusion.Cli;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Storage.Files;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Testing;
using GraphFusion.Workflows;
using Microsoft.Data.Sqlite;

namespace GraphFusion.Resilience.Tests;

/// <summary>Documents that mention the same concepts, ingested all at once, give the graph of a sequential run.</summary>
[Collection(EmulatorsCollection.Name)]
[Trait("Category", "Heavy")]
public sealed class ConcurrencyTests(EmulatorsFixture emulators, ITestOutputHelper output) : IDisposable
{
    private const int Documents = 50;
    private readonly string root = Directory.CreateTempSubdirectory("gf-concurrent-").FullName;

    [Fact]
    public async Task Concurrent_ingestion_on_sqlite_loses_nothing()
    {
        var files = Corpus.WriteOverlapping(Path.Combine(root, "docs"), Documents);
        var sequential = await IngestSequentiallyAsync(new SqliteGraphStore(Path.Combine(root, "sequential.db")), files);
        var concurrent = await IngestAsync(new SqliteGraphStore(Path.Combine(root, "concurrent.db")), files, Documents);

        Report("SQLite", sequential, concurrent);
        Assert.Equal(sequential.Graph, concurrent.Graph);
        Assert.All(concurrent.Outcomes, o => Assert.Equal("Ingested", o));
    }

    [Fact]
    public async Task Concurrent_ingestion_on_cosmos_loses_nothing()
    {
        var files = Corpus.WriteOverlapping(Path.Combine(root, "docs"), Documents);
        var sequential = await IngestSequentiallyAsync(new SqliteGraphStore(Path.Combine(root, "sequential.db")), files);
        var database = CosmosFixture.UniqueName("concurrent");
        try
        {
            var store = await CosmosGraphStore.CreateAsync(emulators.Cosmos.Client, new CosmosGraphStoreOptions { Database = database }, CancellationToken.None);
            var concurrent = await IngestAsync(store, files, Documents);

            Report("Cosmos", sequential, concurrent);
            Assert.Equal(sequential.Graph, concurrent.Graph);
            Assert.All(concurrent.Outcomes, o => Assert.Equal("Ingested", o));
        }
        finally
        {
            using var response = await emulators.Cosmos.Client.GetDatabase(database).DeleteStreamAsync();
        }
    }

    private void Report(string store, Run sequential, Run concurrent)
    {
        output.WriteLine($"Sequential (SQLite): {sequential.Graph} in {sequential.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"Concurrent ({store}): {concurrent.Graph} in {concurrent.Elapsed.TotalSeconds:F1} s");
        ScenarioTable.Row(output, $"Concurrent ingestion, shared concepts ({store})", $"{Documents} docs, concurrency {Documents}",
            sequential.Graph == concurrent.Graph ? "graph equals the sequential run" : "graph differs",
            $"{sequential.Graph.Aliases - concurrent.Graph.Aliases} aliases, {sequential.Graph.Evidence - concurrent.Graph.Evidence} evidence, {sequential.Graph.Relations - concurrent.Graph.Relations} relations");
    }

    private static async Task<Run> IngestAsync(IGraphStore store, IReadOnlyList<string> files, int concurrency)
    {
        var watch = Stopwatch.StartNew();
        var outcomes = await new LocalPipelineRunner(store, new StatisticalExtractor(), concurrency).IngestAsync(files, null, CancellationToken.None);
        watch.Stop();
        return new Run(await GraphFingerprint.OfAsync(store), outcomes.Select(o => o.Status).ToList(), watch.Elapsed);
    }

    /// <summary>The orchestration's steps, one document after the other: the reference a concurrent run must match.</summary>
    private static async Task<Run> IngestSequentiallyAsync(IGraphStore store, IReadOnlyList<string> files)
    {
        var watch = Stopwatch.StartNew();
        var activities = PipelineFactory.CreateActivities(store, new FileDocumentSource(), new StatisticalExtractor());
        foreach (var file in files)
        {
            var prepared = await activities.PrepareDocumentAsync(new IngestRequest(file, StableId.ContentHash(File.ReadAllBytes(file))));
            Assert.Null(prepared.Error);
            foreach (var batch in prepared.ChunkIds.Chunk(IngestDocumentOrchestration.ChunksPerBatch))
            {
                await activities.ExtractChunksAsync(new ExtractBatchRequest(prepared.DocumentId, batch));
            }

            var link = await activities.LinkDocumentAsync(new LinkRequest(prepared.DocumentId, prepared.Version, prepared.ChunkIds));
            var fusion = await activities.FuseKeysAsync(new FuseRequest(link.TouchedKeys));
            await activities.CompleteDocumentAsync(new CompleteRequest(prepared.DocumentId, prepared.Version, fusion));
        }

        watch.Stop();
        return new Run(await GraphFingerprint.OfAsync(store), [.. files.Select(_ => "Ingested")], watch.Elapsed);
    }

    private sealed record Run(GraphFingerprint Graph, IReadOnlyList<string> Outcomes, TimeSpan Elapsed);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
