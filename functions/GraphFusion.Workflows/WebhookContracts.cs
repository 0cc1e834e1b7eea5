using GraphFusion.Core.Events;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Webhooks;

namespace GraphFusion.Workflows;

/// <summary>Deliver one event to one subscription, retrying on <see cref="Policy"/>'s schedule.</summary>
public sealed record WebhookDeliveryRequest(string DeliveryId, string SubscriptionId, GraphEvent Event, WebhookRetryPolicy Policy)
{
    /// <summary>The delivery id is the <c>webhook-id</c> header: the same for every attempt, so receivers can deduplicate.</summary>
    public static string IdFor(string eventId, string subscriptionId) => StableId.Of("msg_", eventId, subscriptionId);
}

/// <summary>Attempt number <see cref="Attempt"/> (1-based) of a delivery.</summary>
public sealed record WebhookAttempt(WebhookDeliveryRequest Request, int Attempt);

/// <summary>Starts the durable delivery of a webhook; starting the same delivery twice starts it once.</summary>
public interface IDeliveryScheduler
{
    Task ScheduleAsync(WebhookDeliveryRequest request, CancellationToken cancellationToken);
}
