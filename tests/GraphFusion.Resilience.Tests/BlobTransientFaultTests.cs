using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GraphFusion.Core.Storage;
using GraphFusion.Functions.Triggers;
using GraphFusion.Storage.Blobs;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Resilience.Tests;

/// <summary>
/// Blob-triggered ingestion through a proxy that answers a share of Azurite's <c>documents/</c> requests (uploads,
/// listing, property reads, downloads) with 503 Server Busy, 500 or a dropped connection ends with the fault-free graph.
/// </summary>
[Collection(EmulatorsCollection.Name)]
[Trait("Category", "Heavy")]
public sealed class BlobTransientFaultTests(EmulatorsFixture emulators, ITestOutputHelper output) : IDisposable
{
    private const int Documents = 20;
    private const double FailRate = 0.15;
    private readonly string root = Directory.CreateTempSubdirectory("gf-blobfaults-").FullName;

    [Fact]
    public async Task Blob_faults_are_retried_to_the_fault_free_graph()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var documents = Corpus.WriteOverlapping(Path.Combine(root, "docs"), Documents)
            .Select(path => (Name: $"{prefix}/{Path.GetFileName(path)}", Content: File.ReadAllBytes(path)))
            .ToList();
        var azurite = emulators.Azurite.Emulator;
        await using var proxy = await FaultInjectingProxy.StartAsync(new Uri(azurite.BlobEndpoint, "/"),
            FaultRules.BlobStorage(FailRate, request => request.Path.Value?.Contains($"/{OnDocumentUploaded.Container}", StringComparison.Ordinal) == true), seed: 13);
        var logs = new CapturedLogs();

        var expected = await IngestAsync(BlobServiceClientFactory.Create(azurite.ConnectionString), "clean.db", prefix, documents);
        var proxied = azurite.ConnectionString.Replace(azurite.BlobEndpoint.ToString(), new Uri(proxy.Endpoint, AzuriteEmulator.AccountName).ToString(), StringComparison.Ordinal);
        var actual = await IngestAsync(BlobServiceClientFactory.Create(proxied, logs), "faulty.db", prefix, documents);

        var failedAttempts = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Category == typeof(BlobServiceClientFactory).FullName).ToList();
        var deepest = logs.Entries.Where(e => e.Category == typeof(BlobServiceClientFactory).FullName).Select(e => RetryNumber(e.Message)).DefaultIfEmpty().Max();
        output.WriteLine($"Fault-free: {expected.Graph}");
        output.WriteLine($"Faulty:     {actual.Graph}");
        output.WriteLine($"Proxy: {proxy.Describe()}");
        output.WriteLine($"Logged failed attempts: {failedAttempts.Count}; deepest retry: {deepest} of at most {BlobServiceClientFactory.MaxRetries}");
        foreach (var entry in failedAttempts.Take(5))
        {
            output.WriteLine($"  {entry.Message}");
        }

        ScenarioTable.Row(output, "Transient blob faults (503 Server Busy / 500 / dropped, Azurite)",
            $"{Documents} docs uploaded, listed, triggered and read; {FailRate:P0} of documents/ requests; seed 13",
            $"{(expected.Graph == actual.Graph ? "graph identical" : "graph differs")}; {proxy.Describe()}; {failedAttempts.Count} failed attempts logged, deepest retry {deepest}/{BlobServiceClientFactory.MaxRetries}",
            $"{actual.Statuses.Count(s => s != DocumentStatus.Ingested)} docs failed");

        Assert.True(proxy.Injected > 0, proxy.Describe());
        Assert.Equal(proxy.Injected, failedAttempts.Count);
        Assert.InRange(deepest, 1, BlobServiceClientFactory.MaxRetries);
        Assert.Equal(Documents, actual.Statuses.Count);
        Assert.All(actual.Statuses, s => Assert.Equal(DocumentStatus.Ingested, s));
        Assert.Equal(expected.Graph, actual.Graph);
    }

    [Fact]
    public void The_product_blob_client_retries_a_bounded_number_of_times_with_exponential_backoff()
    {
        var options = BlobServiceClientFactory.Options();
        Assert.Equal(Azure.Core.RetryMode.Exponential, options.Retry.Mode);
        Assert.Equal(BlobServiceClientFactory.MaxRetries, options.Retry.MaxRetries);
        Assert.InRange(BlobServiceClientFactory.MaxRetries, 1, 10);
        Assert.True(options.Retry.MaxDelay <= TimeSpan.FromSeconds(30), $"{options.Retry.MaxDelay}");
    }

    /// <summary>Uploads, lists the prefix (as a sweep of new blobs would), triggers each listed blob and waits for its orchestration.</summary>
    private async Task<(GraphFingerprint Graph, IReadOnlyList<DocumentStatus> Statuses)> IngestAsync(
        BlobServiceClient blobs, string database, string prefix, IReadOnlyList<(string Name, byte[] Content)> documents)
    {
        var store = new SqliteGraphStore(Path.Combine(root, database));
        await using var pipeline = await BlobPipeline.StartAsync(blobs, store, concurrency: 16);
        await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (document, ct) =>
            await pipeline.Container.GetBlobClient(document.Name).UploadAsync(new BinaryData(document.Content), overwrite: true, ct));

        var listed = new List<string>();
        await foreach (var item in pipeline.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix + "/", CancellationToken.None))
        {
            listed.Add(item.Name);
        }

        Assert.Equal(documents.Select(d => d.Name).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        await Task.WhenAll(documents.Select(d => pipeline.TriggerAsync(d.Name, d.Content)));
        foreach (var document in documents)
        {
            var metadata = await pipeline.WaitAsync(document.Name, document.Content);
            Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{document.Name}: {metadata.RuntimeStatus} {metadata.FailureDetails?.ErrorMessage}");
        }

        var records = (await store.ListDocumentsAsync(CancellationToken.None)).Where(r => r.Name.StartsWith($"documents/{prefix}/", StringComparison.Ordinal)).ToList();
        foreach (var failed in records.Where(r => r.Status != DocumentStatus.Ingested))
        {
            output.WriteLine($"Failed: {failed.Name} {failed.Status} {failed.Error}");
        }

        return (await GraphFingerprint.OfAsync(store), records.Select(r => r.Status).ToList());
    }

    private static int RetryNumber(string message)
    {
        var match = Regex.Match(message, @"(?:attempt|retry) (\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
