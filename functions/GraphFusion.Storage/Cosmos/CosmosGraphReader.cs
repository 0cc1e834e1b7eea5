using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Reads entities, relations and key ownership.</summary>
public sealed class CosmosGraphReader(CosmosGraphContainers containers, CosmosGraphStoreOptions options) : IGraphReader
{
    public async Task<IReadOnlyDictionary<string, string>> GetKeyOwnersAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(Math.Max(1, options.KeysPerQuery)))
        {
            foreach (var owner in await KeyQuery.RunAsync<OwnerItem>(containers.Claims, ItemTypes.Owner, chunk, cancellationToken).ConfigureAwait(false))
            {
                owners[owner.Key] = owner.EntityId;
            }
        }

        return owners;
    }

    public async Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken)
    {
        var itemId = CosmosIds.Entity(id);
        var item = await containers.Entities.ReadAsync<EntityItem>(itemId, new PartitionKey(itemId), cancellationToken).ConfigureAwait(false);
        return item?.Entity;
    }

    public async Task<IReadOnlyList<Entity>> FindEntitiesAsync(string name, int limit, CancellationToken cancellationToken)
    {
        var key = NameNormalizer.Key(name);
        if (key.Length == 0 || limit <= 0)
        {
            return [];
        }

        var exact = new QueryDefinition("SELECT TOP @limit * FROM c WHERE ARRAY_CONTAINS(c.searchKeys, @key) ORDER BY c.entity.mentionCount DESC")
            .WithParameter("@limit", limit)
            .WithParameter("@key", key);
        var found = Ranked(await containers.Entities.QueryListAsync<EntityItem>(exact, null, cancellationToken).ConfigureAwait(false));
        if (found.Count < limit)
        {
            var prefix = new QueryDefinition("SELECT TOP @limit * FROM c WHERE EXISTS(SELECT VALUE k FROM k IN c.searchKeys WHERE STARTSWITH(k, @key)) ORDER BY c.entity.mentionCount DESC")
                .WithParameter("@limit", limit + found.Count)
                .WithParameter("@key", key);
            var seen = found.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var byPrefix = Ranked(await containers.Entities.QueryListAsync<EntityItem>(prefix, null, cancellationToken).ConfigureAwait(false));
            found.AddRange(byPrefix.Where(e => !seen.Contains(e.Id)));
        }

        return found.Take(limit).ToList();
    }

    public Task<IReadOnlyList<Relation>> GetRelationsFromAsync(string headId, CancellationToken cancellationToken) =>
        RelationsAsync(new QueryDefinition("SELECT * FROM c WHERE c.headId = @id").WithParameter("@id", headId), new PartitionKey(headId), cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsToAsync(string tailId, CancellationToken cancellationToken) =>
        RelationsAsync(new QueryDefinition("SELECT * FROM c WHERE c.tailId = @id").WithParameter("@id", tailId), null, cancellationToken);

    public async Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new ConcurrentBag<Entity>();
        await Concurrently.ForEachAsync(ids.Distinct(StringComparer.Ordinal), options.MaxConcurrency, async (id, token) =>
        {
            if (await GetEntityAsync(id, token).ConfigureAwait(false) is { } entity)
            {
                found.Add(entity);
            }
        }, cancellationToken).ConfigureAwait(false);
        return [.. found];
    }

    /// <remarks>One single-partition query per head: relations are partitioned by their head.</remarks>
    public Task<IReadOnlyList<Relation>> GetRelationsFromManyAsync(IReadOnlyCollection<string> headIds, CancellationToken cancellationToken) =>
        ForEachIdAsync(headIds, GetRelationsFromAsync, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsToManyAsync(IReadOnlyCollection<string> tailIds, CancellationToken cancellationToken) =>
        ForEachIdAsync(tailIds, GetRelationsToAsync, cancellationToken);

    public async IAsyncEnumerable<Entity> ListEntitiesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in containers.Entities.QueryAsync<EntityItem>(new QueryDefinition("SELECT * FROM c"), null, cancellationToken).ConfigureAwait(false))
        {
            yield return item.Entity;
        }
    }

    public async IAsyncEnumerable<Relation> ListRelationsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in containers.Relations.QueryAsync<RelationItem>(new QueryDefinition("SELECT * FROM c"), null, cancellationToken).ConfigureAwait(false))
        {
            yield return item.Relation;
        }
    }

    private async Task<IReadOnlyList<Relation>> ForEachIdAsync(
        IReadOnlyCollection<string> ids, Func<string, CancellationToken, Task<IReadOnlyList<Relation>>> read, CancellationToken cancellationToken)
    {
        var found = new ConcurrentBag<IReadOnlyList<Relation>>();
        await Concurrently.ForEachAsync(ids.Distinct(StringComparer.Ordinal), options.MaxConcurrency,
            async (id, token) => found.Add(await read(id, token).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        return [.. found.SelectMany(r => r)];
    }

    private async Task<IReadOnlyList<Relation>> RelationsAsync(QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken)
    {
        var items = await containers.Relations.QueryListAsync<RelationItem>(query, partitionKey, cancellationToken).ConfigureAwait(false);
        return items.Select(i => i.Relation).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Most mentioned first; the order is made here too, since cross-partition TOP/ORDER BY may come back per partition.</summary>
    private static List<Entity> Ranked(IEnumerable<EntityItem> items) =>
        items.Select(i => i.Entity)
            .OrderByDescending(e => e.MentionCount)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
}
