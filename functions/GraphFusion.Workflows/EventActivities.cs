using GraphFusion.Core.Events;
using GraphFusion.Core.Webhooks;

namespace GraphFusion.Workflows;

/// <summary>
/// The event activity bodies. <see cref="PublishEventAsync"/> sends the event to the broker and starts one delivery per
/// matching webhook subscription; both are idempotent (same event id, same delivery instance id).
/// </summary>
public sealed class EventActivities(IEventPublisher publisher, IWebhookStore webhooks, IWebhookSender sender, WebhookUrlPolicy urls, WebhookRetryPolicy retry, TimeProvider clock)
{
    public async Task<int> PublishEventAsync(GraphEvent graphEvent, IDeliveryScheduler scheduler)
    {
        await publisher.PublishAsync(graphEvent, CancellationToken.None);
        var count = 0;
        foreach (var subscription in (await webhooks.ListAsync(CancellationToken.None)).Where(s => s.Accepts(graphEvent.Type)))
        {
            var request = new WebhookDeliveryRequest(WebhookDeliveryRequest.IdFor(graphEvent.Id, subscription.Id), subscription.Id, graphEvent, retry);
            await scheduler.ScheduleAsync(request, CancellationToken.None);
            count++;
        }

        return count;
    }

    /// <summary>One attempt: checks the subscription and its address again, signs with the current time, sends, records the attempt.</summary>
    public async Task<WebhookSendResult> SendWebhookAsync(WebhookAttempt attempt)
    {
        var request = attempt.Request;
        var subscription = await webhooks.GetAsync(request.SubscriptionId, CancellationToken.None);
        WebhookSendResult result;
        if (subscription is null)
        {
            result = WebhookSendResult.Permanent("subscription was deleted");
        }
        else if (await urls.CheckAsync(subscription.Url, CancellationToken.None) is { } refusal)
        {
            result = WebhookSendResult.Permanent(refusal);
        }
        else
        {
            var body = CloudEventJson.Serialize(request.Event);
            result = await sender.SendAsync(WebhookRequest.Create(subscription.Url, subscription.Secret, request.DeliveryId, clock.GetUtcNow(), body), CancellationToken.None);
        }

        if (subscription is not null)
        {
            await webhooks.RecordDeliveryAsync(Delivery(attempt, result.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Pending, result), CancellationToken.None);
        }

        return result;
    }

    public async Task<bool> RecordDeliveryAsync(WebhookDelivery delivery)
    {
        await webhooks.RecordDeliveryAsync(delivery with { UpdatedAt = clock.GetUtcNow() }, CancellationToken.None);
        return true;
    }

    private WebhookDelivery Delivery(WebhookAttempt attempt, string status, WebhookSendResult result) => new(
        attempt.Request.DeliveryId, attempt.Request.SubscriptionId, attempt.Request.Event.Id, attempt.Request.Event.Type,
        status, attempt.Attempt, result.StatusCode, result.Error, clock.GetUtcNow());
}
