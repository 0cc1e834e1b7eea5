using System.Text.Json;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Webhooks;

/// <summary>
/// Keeps subscriptions (one list) and each subscription's latest deliveries (one list each) as JSON values of the
/// graph store's state. Writers in this process are serialised; the lists are small by design.
/// </summary>
public sealed class StateWebhookStore(IStateStore state) : IWebhookStore
{
    public const string SubscriptionsKey = "webhooks:subscriptions";
    public const int DeliveriesKept = 100;

    private readonly SemaphoreSlim gate = new(1, 1);

    public static string DeliveriesKey(string subscriptionId) => $"webhooks:deliveries:{subscriptionId}";

    public Task AddAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        UpdateAsync<WebhookSubscription>(SubscriptionsKey, list => [.. list.Where(s => s.Id != subscription.Id), subscription], cancellationToken);

    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync<WebhookSubscription>(SubscriptionsKey, cancellationToken)).FirstOrDefault(s => s.Id == id);

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken) =>
        await ReadAsync<WebhookSubscription>(SubscriptionsKey, cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var found = false;
        await UpdateAsync<WebhookSubscription>(SubscriptionsKey, list =>
        {
            found = list.Any(s => s.Id == id);
            return [.. list.Where(s => s.Id != id)];
        }, cancellationToken);
        return found;
    }

    public Task RecordDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        UpdateAsync<WebhookDelivery>(DeliveriesKey(delivery.SubscriptionId), list =>
            [delivery, .. list.Where(d => d.Id != delivery.Id).Take(DeliveriesKept - 1)], cancellationToken);

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await ReadAsync<WebhookDelivery>(DeliveriesKey(subscriptionId), cancellationToken);

    private async Task<List<T>> ReadAsync<T>(string key, CancellationToken cancellationToken) =>
        await state.GetStateAsync(key, cancellationToken) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<T>>(json, JsonSerializerOptions.Web) ?? []
            : [];

    private async Task UpdateAsync<T>(string key, Func<List<T>, List<T>> change, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var updated = change(await ReadAsync<T>(key, cancellationToken));
            await state.PutStateAsync(key, JsonSerializer.Serialize(updated, JsonSerializerOptions.Web), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
