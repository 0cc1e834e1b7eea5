using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>
/// Leases as items in the state container. Every change is a create or an ETag-conditional replace or delete, so two
/// instances racing for a free or expired lease cannot both win. Expiry compares the writers' clocks: keep durations well
/// above the clock skew between instances.
/// </summary>
public sealed class CosmosLeaseStore(JsonContainer state, TimeProvider clock) : ILeaseStore
{
    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Lease(name);
        var lease = new LeaseItem { Id = id, Name = name, Holder = holder, ExpiresAt = clock.GetUtcNow() + duration };
        var current = await state.ReadAsync<LeaseItem>(id, new PartitionKey(id), cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return await state.CreateAsync(lease, new PartitionKey(id), cancellationToken).ConfigureAwait(false) is not null;
        }

        if (current.Holder != holder && current.ExpiresAt > clock.GetUtcNow())
        {
            return false;
        }

        return await ReplaceAsync(lease, current, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RenewLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Lease(name);
        var current = await state.ReadAsync<LeaseItem>(id, new PartitionKey(id), cancellationToken).ConfigureAwait(false);
        if (current is null || current.Holder != holder)
        {
            return false;
        }

        return await ReplaceAsync(current with { ExpiresAt = clock.GetUtcNow() + duration, ETag = null }, current, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Lease(name);
        var current = await state.ReadAsync<LeaseItem>(id, new PartitionKey(id), cancellationToken).ConfigureAwait(false);
        if (current?.Holder == holder)
        {
            await state.DeleteAsync(id, new PartitionKey(id), current.ETag, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ReplaceAsync(LeaseItem lease, LeaseItem current, CancellationToken cancellationToken)
    {
        var etag = current.ETag ?? throw new InvalidOperationException($"The lease '{current.Name}' has no ETag.");
        return await state.ReplaceAsync(lease, lease.Id, new PartitionKey(lease.Id), etag, cancellationToken).ConfigureAwait(false) is not null;
    }
}
