using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// A reference graph or glossary uploaded to <c>references/</c> starts <c>IndexReference</c>: a file directly in the container
/// is a reference of its own, a file under a folder re-indexes the folder's reference (see docs/references.md).
/// </summary>
public sealed class OnReferenceUploaded(ILogger<OnReferenceUploaded> logger)
{
    public const string Container = "references";

    [Function(nameof(OnReferenceUploaded))]
    public async Task Run(
        [BlobTrigger(Container + "/{name}", Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var request = ReferenceIndexingStarter.RequestFor(Container, name, content);
        var (instanceId, started) = await ReferenceIndexingStarter.StartAsync(client, request, cancellationToken);
        logger.LogInformation("{Blob}: indexing of {Reference} {InstanceId} {What}", $"{Container}/{name}", request.Reference, instanceId, started ? "started" : "already exists");
    }
}

/// <summary>Starts indexing unless one for the same upload exists: re-delivered events and identical re-uploads are no-ops.</summary>
public static class ReferenceIndexingStarter
{
    /// <summary>The request for an uploaded blob; its instance id changes with the blob's name and content.</summary>
    public static IndexReferenceRequest RequestFor(string container, string blobName, byte[] content) =>
        new(ReferenceNames.ForBlob(container, blobName), StableId.Of("", blobName, StableId.ContentHash(content)));

    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, IndexReferenceRequest request, CancellationToken cancellationToken)
    {
        var instanceId = Workflows.IndexReferenceOrchestration.InstanceId(request);
        return (instanceId, await OrchestrationStarts.StartOnceAsync(client, Workflows.ActivityNames.IndexReference, request, instanceId, cancellationToken));
    }
}
