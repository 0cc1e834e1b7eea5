using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// A document uploaded to <c>documents/</c> starts its ingestion. For Flex Consumption, set <c>Source = BlobTriggerSource.EventGrid</c>
/// (see docs/deploy.md): the infrastructure already delivers BlobCreated events to this function.
/// </summary>
public sealed class OnDocumentUploaded(ILogger<OnDocumentUploaded> logger)
{
    public const string Container = "documents";

    [Function(nameof(OnDocumentUploaded))]
    public async Task Run(
        [BlobTrigger(Container + "/{name}", Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var request = new IngestRequest($"{Container}/{name}", StableId.ContentHash(content));
        var (instanceId, started) = await IngestionStarter.StartAsync(client, request, cancellationToken);
        logger.LogInformation("{Blob}: ingestion {InstanceId} {What}", request.Reference, instanceId, started ? "started" : "already exists");
    }
}
