namespace GraphFusion.Core.Webhooks;

/// <summary>Webhook subscriptions and the record of their deliveries.</summary>
public interface IWebhookStore
{
    Task AddAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when there was no such subscription.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the delivery with the same id.</summary>
    Task RecordDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>The most recent deliveries of a subscription, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, CancellationToken cancellationToken);
}
