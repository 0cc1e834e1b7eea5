using GraphFusion.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Events;

/// <summary>Starts a <c>DeliverWebhook</c> orchestration per delivery; the instance id is the delivery id, so a repeat is a no-op.</summary>
public sealed class DurableDeliveryScheduler(DurableTaskClient client) : IDeliveryScheduler
{
    public async Task ScheduleAsync(WebhookDeliveryRequest request, CancellationToken cancellationToken)
    {
        var instanceId = DeliverWebhookOrchestration.InstanceId(request);
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.DeliverWebhook, request, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is null)
            {
                throw;
            }

            // Started concurrently by a retry of the same activity.
        }
    }
}
