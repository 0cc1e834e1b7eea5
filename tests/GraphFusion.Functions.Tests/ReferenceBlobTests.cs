using System.Text;
using Azure.Storage.Blobs;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Linking;
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
/// References through the Functions app's path without the host: blobs uploaded to <c>references/</c> in Azurite, the
/// trigger's body, the IndexReference orchestration, the Cosmos-compatible store, and ingestion that links to them.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class ReferenceBlobTests(EmulatorsFixture emulators) : IAsyncLifetime
{
    private const string Glossary = """
        id,term,description,synonyms
        kalman,Kalman filter,A recursive estimator that fuses noisy sensor measurements over time,KF
        """;

    private readonly string database = CosmosFixture.UniqueName("references");
    private BlobServiceClient blobs = null!;
    private BlobContainerClient references = null!;
    private CosmosGraphStore store = null!;
    private LocalDurableHost host = null!;

    public async Task InitializeAsync()
    {
        blobs = new BlobServiceClient(emulators.Azurite.ConnectionString);
        references = blobs.GetBlobContainerClient(OnReferenceUploaded.Container);
        await references.CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient(OnDocumentUploaded.Container).CreateIfNotExistsAsync();
        store = await CosmosGraphStore.CreateAsync(emulators.Cosmos.Client, new CosmosGraphStoreOptions { Database = database }, CancellationToken.None);
        var activities = PipelineFactory.CreateActivities(store, new BlobDocumentSource(blobs, DocumentLimits.Default), new StatisticalExtractor());
        host = await LocalDurableHost.StartAsync(activities, 16, CancellationToken.None, PipelineFactory.CreateReferenceActivities(store, new BlobReferenceSource(blobs)));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        using var response = await emulators.Cosmos.Client.GetDatabase(database).DeleteStreamAsync();
    }

    [Fact]
    public async Task An_uploaded_glossary_is_indexed_and_documents_ingested_later_link_to_it()
    {
        var folder = Guid.NewGuid().ToString("N");
        var name = $"{folder}.csv";

        var outcome = await UploadAndTriggerAsync(name, Glossary);

        Assert.Equal(("Indexed", 1), (outcome.Status, outcome.Entities));
        var record = (await store.GetReferenceAsync(outcome.ReferenceId, CancellationToken.None))!;
        Assert.Equal(($"references/{name}", ReferenceStatus.Indexed), (record.Name, record.Status));

        var document = $"{folder}/kalman.txt";
        var text = Encoding.UTF8.GetBytes("Kalman filters are used for sensor fusion of noisy measurements.");
        await blobs.GetBlobContainerClient(OnDocumentUploaded.Container).UploadBlobAsync(document, new BinaryData(text));
        await new OnDocumentUploaded(NullLogger<OnDocumentUploaded>.Instance).Run(text, document, host.Client, CancellationToken.None);
        var ingestion = await host.Client.WaitForInstanceCompletionAsync(
            IngestDocumentOrchestration.InstanceId(new IngestRequest($"documents/{document}", Core.Graph.StableId.ContentHash(text))), getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ingestion.RuntimeStatus);

        var claim = Assert.Single(await store.GetClaimsAsync([NameNormalizer.Key("Kalman filters")], CancellationToken.None));
        Assert.Equal("ref:kalman", claim.LinkedEntityId);
        Assert.InRange(claim.LinkConfidence, 0.55, 1.0);
    }

    [Fact]
    public async Task A_bad_glossary_fails_with_the_blob_and_line_and_a_deleted_one_is_removed()
    {
        var bad = $"{Guid.NewGuid():N}.jsonl";
        var failed = await UploadAndTriggerAsync(bad, "{\"id\": \"a\", \"name\": \"Alpha\"}\n{\"id\": \"b\"}\n");

        Assert.Equal("Failed", failed.Status);
        Assert.Contains($"references/{bad}:2: 'name' is missing", failed.Error, StringComparison.Ordinal);
        var record = (await store.GetReferenceAsync(failed.ReferenceId, CancellationToken.None))!;
        Assert.Equal((ReferenceStatus.Failed, failed.Error), (record.Status, record.Error));

        var good = $"{Guid.NewGuid():N}.csv";
        var indexed = await UploadAndTriggerAsync(good, Glossary);
        Assert.Equal("Indexed", indexed.Status);
        await references.DeleteBlobAsync(good);
        var pass = await host.Client.WaitForInstanceCompletionAsync(
            await host.Client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.RefuseGraph, RefuseGraphOrchestration.MaxPasses), getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, pass.RuntimeStatus);
        Assert.Null(await store.GetReferenceAsync(indexed.ReferenceId, CancellationToken.None));
        Assert.NotNull(await store.GetReferenceAsync(failed.ReferenceId, CancellationToken.None));
    }

    [Fact]
    public async Task A_triple_graph_uploaded_as_two_blobs_is_indexed_once_both_are_there()
    {
        var folder = Guid.NewGuid().ToString("N");

        var waiting = await UploadAndTriggerAsync($"{folder}/ent_ids_1", "0\thttp://x.org/Kalman_filter\n1\thttp://x.org/Sensor_fusion\n");
        var indexed = await UploadAndTriggerAsync($"{folder}/triples_1", "0\t5\t1\n");

        Assert.Equal("Incomplete", waiting.Status);
        Assert.Equal(("Indexed", 2), (indexed.Status, indexed.Entities));
        Assert.Equal(waiting.ReferenceId, indexed.ReferenceId);
        var record = (await store.GetReferenceAsync(indexed.ReferenceId, CancellationToken.None))!;
        Assert.Equal($"references/{folder}/", record.Name);
        var entities = await store.GetReferenceEntitiesAsync(record.Id, record.Version, CancellationToken.None);
        Assert.Equal(["1"], entities.Single(e => e.Id == "0").Neighbours);
    }

    private async Task<IndexReferenceOutcome> UploadAndTriggerAsync(string name, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        await references.UploadBlobAsync(name, new BinaryData(content));
        await new OnReferenceUploaded(NullLogger<OnReferenceUploaded>.Instance).Run(content, name, host.Client, CancellationToken.None);

        var request = ReferenceIndexingStarter.RequestFor(OnReferenceUploaded.Container, name, content);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(IndexReferenceOrchestration.InstanceId(request), getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<IndexReferenceOutcome>()!;
    }
}
