using System.Diagnostics;
using System.Text;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Resilience.Tests;

/// <summary>Hundreds of documents land in <c>documents/</c> at once; every one is ingested exactly once.</summary>
[Collection(EmulatorsCollection.Name)]
[Trait("Category", "Heavy")]
public sealed class BurstTests(EmulatorsFixture emulators, ITestOutputHelper output) : IDisposable
{
    private const int Documents = 500;
    private readonly string root = Directory.CreateTempSubdirectory("gf-burst-").FullName;

    [Fact]
    public async Task A_burst_of_uploads_is_ingested_exactly_once()
    {
        await using var pipeline = await BlobPipeline.StartAsync(emulators.Azurite.ConnectionString, new SqliteGraphStore(Path.Combine(root, "graph.db")), concurrency: 64);
        var prefix = Guid.NewGuid().ToString("N");
        var random = new Random(5);
        var blobs = Enumerable.Range(0, Documents).Select(i => (Name: $"{prefix}/burst-{i:D3}.txt", Content: Encoding.UTF8.GetBytes(
            $"Document {i}. Long short-term memory (LSTM) networks are used for speech recognition. " +
            $"Method{random.Next(40)} is a type of neural network. Method{random.Next(40)} is used for task{random.Next(30)}."))).ToList();

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (blob, ct) =>
            await pipeline.Container.GetBlobClient(blob.Name).UploadAsync(new BinaryData(blob.Content), ct));
        var uploaded = watch.Elapsed;

        // The host calls the trigger for every new blob at once.
        await Task.WhenAll(blobs.Select(b => Task.Run(() => pipeline.TriggerAsync(b.Name, b.Content))));
        var completions = await Task.WhenAll(blobs.Select(async b =>
        {
            try
            {
                return (await pipeline.WaitAsync(b.Name, b.Content)).RuntimeStatus;
            }
            catch (OperationCanceledException)
            {
                return OrchestrationRuntimeStatus.Pending; // not finished in time
            }
        }));
        var processed = watch.Elapsed;

        var records = (await pipeline.Store.ListDocumentsAsync(CancellationToken.None)).Where(r => r.Name.StartsWith($"documents/{prefix}/", StringComparison.Ordinal)).ToList();
        var completed = completions.Count(c => c == OrchestrationRuntimeStatus.Completed);
        var throughput = Documents / Math.Max(0.001, (processed - uploaded).TotalSeconds);
        output.WriteLine($"Uploaded {Documents} blobs in {uploaded.TotalSeconds:F1} s; all processed {(processed - uploaded).TotalSeconds:F1} s later ({throughput:F1} documents/s).");
        output.WriteLine($"Orchestrations completed: {completed}; document records: {records.Count} ({records.Count(r => r.Status == DocumentStatus.Ingested)} ingested).");
        ScenarioTable.Row(output, "Burst upload to documents/ (Azurite, SQLite)", $"{Documents} blobs at once, trigger bodies concurrent",
            $"{completed} completions, {records.Count} records, {throughput:F1} docs/s", $"{Documents - records.Count(r => r.Status == DocumentStatus.Ingested)}");

        Assert.Equal(Documents, completed);
        Assert.Equal(Documents, records.Count);
        Assert.Equal(Documents, records.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(records, r => Assert.Equal(DocumentStatus.Ingested, r.Status));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
