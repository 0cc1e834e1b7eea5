namespace GraphFusion.Core.Webhooks;

/// <summary>A registered receiver: where to POST, which event types, and the secret deliveries are signed with.</summary>
public sealed record WebhookSubscription(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt)
{
    /// <summary>An empty list or <c>*</c> subscribes to every event type.</summary>
    public bool Accepts(string eventType) => Events.Count == 0 || Events.Contains("*") || Events.Contains(eventType, StringComparer.Ordinal);
}
