using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Writes entities (with their key ownership) and relations.</summary>
public sealed class CosmosGraphWriter(CosmosGraphContainers containers, CosmosGraphStoreOptions options) : IGraphWriter
{
    public Task UpsertEntitiesAsync(IReadOnlyList<Entity> entities, CancellationToken cancellationToken) =>
        Concurrently.ForEachAsync(entities, options.MaxConcurrency, async (entity, token) =>
        {
            var item = EntityItem.From(entity);
            await containers.Entities.UpsertAsync(item, new PartitionKey(item.Id), token).ConfigureAwait(false);

            // Ownership after the entity, so that an owner never points at an entity that was not written.
            foreach (var key in entity.Keys.Distinct(StringComparer.Ordinal))
            {
                await containers.Claims.UpsertAsync(new OwnerItem { Key = key, EntityId = entity.Id }, new PartitionKey(key), token).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <remarks>
    /// Ownership is removed last: if this is interrupted, the keys still name the entity, so the next fusion deletes it again.
    /// An owner re-pointed to another entity meanwhile is kept (the delete is conditional on its ETag).
    /// </remarks>
    public async Task DeleteEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        await Concurrently.ForEachAsync(distinct, options.MaxConcurrency, async (id, token) =>
        {
            await ReplaceRelationsFromAsync(id, [], token).ConfigureAwait(false);
            var itemId = CosmosIds.Entity(id);
            await containers.Entities.DeleteAsync(itemId, new PartitionKey(itemId), ifMatch: null, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        foreach (var chunk in distinct.Chunk(Math.Max(1, options.KeysPerQuery)))
        {
            var query = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND ARRAY_CONTAINS(@ids, c.entityId)")
                .WithParameter("@type", ItemTypes.Owner)
                .WithParameter("@ids", chunk);
            var owners = await containers.Claims.QueryListAsync<OwnerItem>(query, null, cancellationToken).ConfigureAwait(false);
            await Concurrently.ForEachAsync(
                owners,
                options.MaxConcurrency,
                (owner, token) => containers.Claims.DeleteAsync(owner.Id, new PartitionKey(owner.Key), owner.ETag, token),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <remarks>Cosmos has no transaction across partitions: heads are replaced concurrently, each as in the single-head call.</remarks>
    public Task ReplaceRelationsFromAsync(IReadOnlyDictionary<string, IReadOnlyList<Relation>> relationsByHead, CancellationToken cancellationToken) =>
        Concurrently.ForEachAsync(relationsByHead, options.MaxConcurrency, (head, token) => ReplaceRelationsFromAsync(head.Key, head.Value, token), cancellationToken);

    public async Task ReplaceRelationsFromAsync(string headId, IReadOnlyList<Relation> relations, CancellationToken cancellationToken)
    {
        var stray = relations.FirstOrDefault(r => r.HeadId != headId);
        if (stray is not null)
        {
            throw new ArgumentException($"Relation '{stray.Id}' leaves '{stray.HeadId}', not '{headId}'.", nameof(relations));
        }

        var partitionKey = new PartitionKey(headId);
        var existing = await containers.Relations
            .QueryListAsync<string>(new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.headId = @id").WithParameter("@id", headId), partitionKey, cancellationToken)
            .ConfigureAwait(false);
        var items = relations.Select(RelationItem.From).ToList();
        await Concurrently.ForEachAsync(items, options.MaxConcurrency, (item, token) => containers.Relations.UpsertAsync(item, partitionKey, token), cancellationToken)
            .ConfigureAwait(false);

        var keep = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        await Concurrently.ForEachAsync(
            existing.Where(id => !keep.Contains(id)),
            options.MaxConcurrency,
            (id, token) => containers.Relations.DeleteAsync(id, partitionKey, ifMatch: null, token),
            cancellationToken).ConfigureAwait(false);
    }
}
