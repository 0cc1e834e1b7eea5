using GraphFusion.Core.Events;
using GraphFusion.Core.Webhooks;
using GraphFusion.Events;
using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Activities;

/// <summary>The event and webhook activity functions: bindings only; the bodies are the shared <see cref="EventActivities"/>.</summary>
public sealed class EventActivityFunctions(EventActivities activities)
{
    [Function(ActivityNames.PublishEvent)]
    public Task<int> PublishEvent([ActivityTrigger] GraphEvent input, [DurableClient] DurableTaskClient client) =>
        activities.PublishEventAsync(input, new DurableDeliveryScheduler(client));

    [Function(ActivityNames.SendWebhook)]
    public Task<WebhookSendResult> SendWebhook([ActivityTrigger] WebhookAttempt input) => activities.SendWebhookAsync(input);

    [Function(ActivityNames.RecordDelivery)]
    public Task<bool> RecordDelivery([ActivityTrigger] WebhookDelivery input) => activities.RecordDeliveryAsync(input);
}
