using System.Text;
using Azure.Storage.Blobs;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Functions.Triggers;
using GraphFusion.Storage.Blobs;
using GraphFusion.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.Resilience.Tests;

/// <summary>The Functions app's blob path without the Functions host: Azurite's <c>documents/</c>, the blob trigger's body, the in-process host.</summary>
internal sealed class BlobPipeline : IAsyncDisposable
{
    private BlobPipeline(BlobContainerClient container, IGraphStore store, LocalDurableHost host)
    {
        Container = container;
        Store = store;
        Host = host;
    }

    public BlobContainerClient Container { get; }

    public IGraphStore Store { get; }

    public LocalDurableHost Host { get; }

    public static Task<BlobPipeline> StartAsync(string connectionString, IGraphStore store, int concurrency = 32) =>
        StartAsync(BlobServiceClientFactory.Create(connectionString), store, concurrency);

    /// <summary>A pipeline whose document source (and <see cref="Container"/>) go through <paramref name="blobs"/>.</summary>
    public static async Task<BlobPipeline> StartAsync(BlobServiceClient blobs, IGraphStore store, int concurrency = 32)
    {
        var container = blobs.GetBlobContainerClient(OnDocumentUploaded.Container);
        await container.CreateIfNotExistsAsync();
        var activities = PipelineFactory.CreateActivities(store, new BlobDocumentSource(blobs, DocumentLimits.Default), new StatisticalExtractor());
        return new BlobPipeline(container, store, await LocalDurableHost.StartAsync(activities, concurrency, CancellationToken.None));
    }

    public static IngestRequest Request(string name, byte[] content) => new($"{OnDocumentUploaded.Container}/{name}", StableId.ContentHash(content));

    /// <summary>The blob trigger's body, as the Functions host calls it for a blob (or a BlobCreated event).</summary>
    public Task TriggerAsync(string name, byte[] content) =>
        new OnDocumentUploaded(NullLogger<OnDocumentUploaded>.Instance).Run(content, name, Host.Client, CancellationToken.None);

    public async Task<OrchestrationMetadata> WaitAsync(string name, byte[] content)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await Host.Client.WaitForInstanceCompletionAsync(IngestDocumentOrchestration.InstanceId(Request(name, content)), getInputsAndOutputs: true, timeout.Token);
    }

    public async Task<OrchestrationMetadata> UploadAndIngestAsync(string name, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        await Container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);
        await TriggerAsync(name, content);
        return await WaitAsync(name, content);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
