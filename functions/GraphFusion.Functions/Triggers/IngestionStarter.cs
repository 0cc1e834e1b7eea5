using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Triggers;

/// <summary>Starts an ingestion unless one for the same document version exists: identical re-uploads and duplicate events are no-ops.</summary>
public static class IngestionStarter
{
    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, IngestRequest request, CancellationToken cancellationToken)
    {
        var instanceId = IngestDocumentOrchestration.InstanceId(request);
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing is not null && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return (instanceId, false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.IngestDocument, request, new StartOrchestrationOptions(instanceId), cancellationToken);
        return (instanceId, true);
    }
}
