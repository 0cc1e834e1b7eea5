using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// Starts orchestrations under deterministic instance ids, once: an instance with the id that is pending, running or
/// completed means the same work was already asked for (a re-delivered event, an identical re-upload); a failed or
/// terminated one may be started again.
/// </summary>
public static class OrchestrationStarts
{
    /// <summary>Schedules <paramref name="orchestrator"/> as <paramref name="instanceId"/> unless that instance is live or done; true when it did.</summary>
    public static async Task<bool> StartOnceAsync<TInput>(
        DurableTaskClient client, string orchestrator, TInput input, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await IsLiveOrDoneAsync(client, instanceId, cancellationToken))
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        return true;
    }

    /// <summary>True when the instance exists and neither failed nor was terminated.</summary>
    public static async Task<bool> IsLiveOrDoneAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, cancellationToken) is { } existing
        && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
}
