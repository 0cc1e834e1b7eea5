using System.Text;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Storage.Files;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workflows;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Resilience.Tests;

/// <summary>Deliveries and activities that happen twice leave the graph as if they had happened once.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class IdempotencyTests(EmulatorsFixture emulators, ITestOutputHelper output) : IDisposable
{
    private const string Text = "Long short-term memory (LSTM) is a type of recurrent neural network. LSTM networks are used for speech recognition. Transformers outperform LSTMs on machine translation.";
    private readonly string root = Directory.CreateTempSubdirectory("gf-idem-").FullName;

    [Fact]
    public async Task The_same_blob_delivered_twice_in_turn_and_at_once_is_ingested_once()
    {
        await using var pipeline = await BlobPipeline.StartAsync(emulators.Azurite.ConnectionString, new SqliteGraphStore(Path.Combine(root, "graph.db")));
        var content = Encoding.UTF8.GetBytes(Text);

        var inTurn = $"{Guid.NewGuid():N}/in-turn.txt";
        await pipeline.Container.GetBlobClient(inTurn).UploadAsync(new BinaryData(content));
        await pipeline.TriggerAsync(inTurn, content);
        var first = await pipeline.WaitAsync(inTurn, content);
        var graph = await GraphFingerprint.OfAsync(pipeline.Store);
        await pipeline.TriggerAsync(inTurn, content);
        var second = await pipeline.WaitAsync(inTurn, content);

        // Two deliveries of one BlobCreated event arriving together (Event Grid delivers at least once).
        var atOnce = $"{Guid.NewGuid():N}/at-once.txt";
        await pipeline.Container.GetBlobClient(atOnce).UploadAsync(new BinaryData(content));
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await pipeline.TriggerAsync(atOnce, content);
                return null;
            }
            catch (Exception ex)
            {
                return ex.Message;
            }
        }));
        var concurrent = await pipeline.WaitAsync(atOnce, content);

        var documents = await pipeline.Store.ListDocumentsAsync(CancellationToken.None);
        ScenarioTable.Row(output, "Same blob delivered twice (in turn; 4 at once)", "2 blobs, 6 deliveries",
            $"{documents.Count} documents, {deliveries.Count(d => d is not null)} failed deliveries", "0");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, concurrent.RuntimeStatus);
        Assert.All(deliveries, d => Assert.Null(d));
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal(Core.Storage.DocumentStatus.Ingested, d.Status));
        Assert.Equal(graph.Entities, (await GraphFingerprint.OfAsync(pipeline.Store)).Entities);
    }

    [Fact]
    public async Task Every_activity_run_twice_after_writing_leaves_the_graph_of_one_run()
    {
        var docs = Path.Combine(root, "docs");
        var files = Corpus.WriteOverlapping(docs, 3);
        var once = new SqliteGraphStore(Path.Combine(root, "once.db"));
        var twice = new SqliteGraphStore(Path.Combine(root, "twice.db"));
        var onceActivities = PipelineFactory.CreateActivities(once, new FileDocumentSource(), new StatisticalExtractor());
        var twiceActivities = PipelineFactory.CreateActivities(twice, new FileDocumentSource(), new StatisticalExtractor());

        foreach (var file in files)
        {
            var request = new IngestRequest(file, Core.Graph.StableId.ContentHash(File.ReadAllBytes(file)));
            await RunStepsAsync(onceActivities, request, repeat: 1);
            await RunStepsAsync(twiceActivities, request, repeat: 2);
        }

        var expected = await GraphFingerprint.OfAsync(once);
        var actual = await GraphFingerprint.OfAsync(twice);
        var onceCounts = await once.CountAsync(CancellationToken.None);
        var twiceCounts = await twice.CountAsync(CancellationToken.None);
        output.WriteLine($"Once:  {expected} ({onceCounts.Documents} documents)");
        output.WriteLine($"Twice: {actual} ({twiceCounts.Documents} documents)");
        ScenarioTable.Row(output, "Every activity body run twice (retry after write)", "3 docs x 6 activities",
            expected == actual ? "graph identical" : "graph differs", $"{actual.Evidence - expected.Evidence} duplicate evidence, {actual.Aliases - expected.Aliases} duplicate aliases");
        Assert.Equal(expected, actual);
        Assert.Equal(onceCounts, twiceCounts);
        Assert.All(await twice.ListDocumentsAsync(CancellationToken.None), d => Assert.Equal(Core.Storage.DocumentStatus.Ingested, d.Status));
    }

    private static async Task RunStepsAsync(PipelineActivities activities, IngestRequest request, int repeat)
    {
        PreparedDocument prepared = null!;
        for (var i = 0; i < repeat; i++)
        {
            prepared = await activities.PrepareDocumentAsync(request);
        }

        Assert.Null(prepared.Error);
        foreach (var batch in prepared.ChunkIds.Chunk(IngestDocumentOrchestration.ChunksPerBatch))
        {
            for (var i = 0; i < repeat; i++)
            {
                await activities.ExtractChunksAsync(new ExtractBatchRequest(prepared.DocumentId, batch));
            }
        }

        // The orchestration goes on with the output of the attempt that succeeded: the last one.
        LinkResult link = null!;
        for (var i = 0; i < repeat; i++)
        {
            link = await activities.LinkDocumentAsync(new LinkRequest(prepared.DocumentId, prepared.Version, prepared.ChunkIds));
        }

        Core.Fusion.FusionReport fusion = null!;
        for (var i = 0; i < repeat; i++)
        {
            fusion = await activities.FuseKeysAsync(new FuseRequest(link.TouchedKeys));
        }

        for (var i = 0; i < repeat; i++)
        {
            await activities.CompleteDocumentAsync(new CompleteRequest(prepared.DocumentId, prepared.Version, fusion));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
