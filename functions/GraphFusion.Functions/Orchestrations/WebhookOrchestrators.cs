using GraphFusion.Core.Webhooks;
using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GraphFusion.Functions.Orchestrations;

/// <summary>The webhook delivery orchestrator function; the orchestration is written once in GraphFusion.Workflows.</summary>
public static class WebhookOrchestrators
{
    [Function(ActivityNames.DeliverWebhook)]
    public static Task<WebhookDelivery> DeliverWebhook([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DeliverWebhookOrchestration.RunAsync(context, context.GetInput<WebhookDeliveryRequest>()!);
}
