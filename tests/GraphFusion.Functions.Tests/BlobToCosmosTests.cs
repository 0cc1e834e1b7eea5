using System.Text;
using Azure.Storage.Blobs;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Functions.Triggers;
using GraphFusion.Storage.Blobs;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Testing;
using GraphFusion.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.Functions.Tests;

/// <summary>
/// The Functions app's path without the Functions host: a blob uploaded to Azurite, the blob trigger's body,
/// the real orchestration and activities, and the graph in the Cosmos-compatible server.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class BlobToCosmosTests(EmulatorsFixture emulators) : IAsyncLifetime
{
    private const string Text = "Long short-term memory (LSTM) is a type of recurrent neural network. LSTM networks are used for speech recognition.";
    private readonly string database = CosmosFixture.UniqueName("functions");
    private BlobContainerClient container = null!;
    private CosmosGraphStore store = null!;
    private LocalDurableHost host = null!;

    public async Task InitializeAsync()
    {
        var blobs = new BlobServiceClient(emulators.Azurite.ConnectionString);
        container = blobs.GetBlobContainerClient(OnDocumentUploaded.Container);
        await container.CreateIfNotExistsAsync();
        store = await CosmosGraphStore.CreateAsync(emulators.Cosmos.Client, new CosmosGraphStoreOptions { Database = database }, CancellationToken.None);
        var activities = PipelineFactory.CreateActivities(store, new BlobDocumentSource(blobs, DocumentLimits.Default), new StatisticalExtractor());
        host = await LocalDurableHost.StartAsync(activities, 16, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        using var response = await emulators.Cosmos.Client.GetDatabase(database).DeleteStreamAsync();
    }

    [Fact]
    public async Task An_uploaded_blob_becomes_facts_with_provenance_in_cosmos()
    {
        var name = $"{Guid.NewGuid():N}/lstm.txt";
        var outcome = await UploadAndTriggerAsync(name, Text);

        Assert.Equal("Ingested", outcome.Status);
        var lstm = (await store.FindEntitiesAsync("LSTM", 5, CancellationToken.None))[0];
        Assert.Equal("Long short-term memory", lstm.Name);
        Assert.Contains("LSTM", lstm.Aliases);
        var relation = Assert.Single(await store.GetRelationsFromAsync(lstm.Id, CancellationToken.None), r => r.Type == "Hyponym-Of");
        var evidence = Assert.Single(relation.Evidence);
        Assert.Equal(DocumentIds.For($"documents/{name}"), evidence.DocumentId);
        Assert.Equal("Long short-term memory (LSTM) is a type of recurrent neural network.", evidence.Snippet);
        Assert.True(evidence.End > evidence.Start);
        var record = await store.GetDocumentAsync(evidence.DocumentId, CancellationToken.None);
        Assert.Equal(DocumentStatus.Ingested, record!.Status);
        Assert.Equal($"documents/{name}", record.Name);
    }

    [Fact]
    public async Task The_same_blob_delivered_twice_starts_one_ingestion()
    {
        var name = $"{Guid.NewGuid():N}/twice.txt";
        await UploadAndTriggerAsync(name, Text);
        var content = Encoding.UTF8.GetBytes(Text);

        var (_, started) = await IngestionStarter.StartAsync(host.Client, new IngestRequest($"documents/{name}", Core.Graph.StableId.ContentHash(content)), CancellationToken.None);

        Assert.False(started);
    }

    [Fact]
    public async Task A_corrupt_blob_fails_with_a_reason_and_a_deleted_blob_is_retracted()
    {
        var bad = $"{Guid.NewGuid():N}/broken.pdf";
        var failed = await UploadAndTriggerAsync(bad, "%PDF-1.7 not really a pdf");
        Assert.Equal("Failed", failed.Status);
        Assert.Contains("broken.pdf", failed.Error, StringComparison.Ordinal);

        var good = $"{Guid.NewGuid():N}/speech.txt";
        await UploadAndTriggerAsync(good, "Hidden Markov models are used for speech synthesis.");
        Assert.NotEmpty(await store.FindEntitiesAsync("speech synthesis", 5, CancellationToken.None));

        await container.DeleteBlobAsync(good);
        var documentId = DocumentIds.For($"documents/{good}");
        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.RemoveDocument, documentId);
        var removal = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, removal.RuntimeStatus);
        Assert.Empty(await store.FindEntitiesAsync("speech synthesis", 5, CancellationToken.None));
        Assert.Null(await store.GetDocumentAsync(documentId, CancellationToken.None));
    }

    [Fact]
    public async Task The_refusion_pass_retracts_documents_whose_blob_is_gone()
    {
        var name = $"{Guid.NewGuid():N}/gone.txt";
        await UploadAndTriggerAsync(name, "Kalman filters are used for sensor fusion.");
        Assert.NotEmpty(await store.FindEntitiesAsync("kalman filter", 5, CancellationToken.None));

        await container.DeleteBlobAsync(name);
        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.RefuseGraph, RefuseGraphOrchestration.MaxPasses);
        var pass = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, pass.RuntimeStatus);
        Assert.Empty(await store.FindEntitiesAsync("kalman filter", 5, CancellationToken.None));
        Assert.Null(await store.GetDocumentAsync(DocumentIds.For($"documents/{name}"), CancellationToken.None));
    }

    private async Task<IngestOutcome> UploadAndTriggerAsync(string name, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        await container.UploadBlobAsync(name, new BinaryData(content));
        var trigger = new OnDocumentUploaded(NullLogger<OnDocumentUploaded>.Instance);
        await trigger.Run(content, name, host.Client, CancellationToken.None);

        var request = new IngestRequest($"documents/{name}", Core.Graph.StableId.ContentHash(content));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(IngestDocumentOrchestration.InstanceId(request), getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<IngestOutcome>()!;
    }
}
