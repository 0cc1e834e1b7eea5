using GraphFusion.Core.Events;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Pipeline;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>Retracts a deleted document: its claims go, and the keys they touched are fused again.</summary>
public static class RemoveDocumentOrchestration
{
    public static string InstanceId(string documentId) => $"remove-{documentId}";

    public static async Task<FusionReport> RunAsync(TaskOrchestrationContext context, string documentId)
    {
        var keys = await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.RetractDocument, documentId, PipelineRetry.Default);
        var report = keys.Count == 0
            ? FusionReport.Empty
            : await context.CallActivityAsync<FusionReport>(ActivityNames.FuseKeys, new FuseRequest(keys), PipelineRetry.Default);
        await EventPublishing.PublishAsync(context, GraphEvents.DocumentRemoved(context.InstanceId, EventPublishing.Now(context), new DocumentRemovedData(
            documentId, report.KeysFused, report.EntitiesWritten, report.EntitiesDeleted, report.RelationsWritten)));
        return report;
    }
}
