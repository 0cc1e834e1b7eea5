using GraphFusion.Workflows.Merging;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Triggers;

/// <summary>Starts a merge unless one for the same recipe content exists: re-delivered events and identical re-uploads are no-ops.</summary>
public static class MergeStarter
{
    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, MergeModelsRequest request, CancellationToken cancellationToken)
    {
        var instanceId = MergeModelsOrchestration.InstanceId(request);
        return (instanceId, await OrchestrationStarts.StartOnceAsync(client, MergeActivityNames.MergeModels, request, instanceId, cancellationToken));
    }
}
