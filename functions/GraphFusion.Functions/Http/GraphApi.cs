using GraphFusion.Api;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Functions.Triggers;
using GraphFusion.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Http;

/// <summary>The HTTP API: start and follow ingestions, retract documents, read the graph. Function keys by default.</summary>
public sealed class GraphApi(IDocumentSource documents, GraphEndpoints graph)
{
    public sealed record IngestBody(string Reference);

    [Function("StartIngestion")]
    public async Task<IActionResult> StartIngestion(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ingest")] HttpRequest request,
        [FromBody] IngestBody body,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Reference) || !body.Reference.Contains('/', StringComparison.Ordinal))
        {
            return new BadRequestObjectResult(new { error = "body must be {\"reference\": \"container/blob-name\"}" });
        }

        SourceDocument document;
        try
        {
            document = await documents.ReadAsync(body.Reference, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return new NotFoundObjectResult(new { error = $"{body.Reference} does not exist" });
        }

        var (instanceId, started) = await IngestionStarter.StartAsync(client, new IngestRequest(body.Reference, StableId.ContentHash(document.Content)), cancellationToken);
        return new AcceptedResult($"/api/runs/{instanceId}", new { instanceId, started });
    }

    [Function("GetRun")]
    public static async Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var run = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return run is null
            ? new NotFoundObjectResult(new { error = $"no run {instanceId}" })
            : new OkObjectResult(new
            {
                run.InstanceId,
                run.Name,
                status = run.RuntimeStatus.ToString(),
                progress = run.SerializedCustomStatus,
                output = run.SerializedOutput,
                run.CreatedAt,
                run.LastUpdatedAt,
            });
    }

    [Function("DeleteDocument")]
    public static async Task<IActionResult> DeleteDocument(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "documents")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var reference = request.Query["reference"].ToString();
        if (string.IsNullOrWhiteSpace(reference))
        {
            return new BadRequestObjectResult(new { error = "query parameter 'reference' (container/blob-name) is required" });
        }

        var documentId = DocumentIds.For(reference);
        var instanceId = $"{RemoveDocumentOrchestration.InstanceId(documentId)}-{Guid.NewGuid():N}";
        await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.RemoveDocument, documentId, new StartOrchestrationOptions(instanceId), cancellationToken);
        return new AcceptedResult($"/api/runs/{instanceId}", new { instanceId, documentId });
    }

    [Function("ListDocuments")]
    public Task<IActionResult> ListDocuments(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Documents)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ResultAction.Of(graph.ListDocumentsAsync(cancellationToken));

    [Function("ListReferences")]
    public Task<IActionResult> ListReferences(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.References)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ResultAction.Of(graph.ListReferencesAsync(cancellationToken));

    [Function("GetEntity")]
    public Task<IActionResult> GetEntity(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Entity)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ResultAction.Of(graph.GetEntityAsync(id, cancellationToken));

    [Function("SearchEntities")]
    public Task<IActionResult> SearchEntities(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Entities)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ResultAction.Of(graph.FindEntitiesAsync(request, cancellationToken));
}
