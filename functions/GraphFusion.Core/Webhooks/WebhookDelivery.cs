namespace GraphFusion.Core.Webhooks;

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead-lettered";
}

/// <summary>The state of one event's delivery to one subscription; <see cref="LastError"/> says why the last attempt failed.</summary>
public sealed record WebhookDelivery(
    string Id,
    string SubscriptionId,
    string EventId,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset UpdatedAt);
