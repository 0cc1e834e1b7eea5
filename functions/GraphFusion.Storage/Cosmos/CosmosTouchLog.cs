using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Touch marks as items in the state container; a mark's stamp is its ETag, so clearing is one conditional delete.</summary>
public sealed class CosmosTouchLog(JsonContainer state, CosmosGraphStoreOptions options, TimeProvider clock) : ITouchLog
{
    public Task MarkTouchedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Concurrently.ForEachAsync(
            keys.Distinct(StringComparer.Ordinal),
            options.MaxConcurrency,
            (key, token) =>
            {
                var item = TouchItem.For(key, now);
                return state.UpsertAsync(item, new PartitionKey(item.Id), token);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetTouchStampsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(Math.Max(1, options.KeysPerQuery)))
        {
            var query = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND ARRAY_CONTAINS(@ids, c.id)")
                .WithParameter("@type", ItemTypes.Touch)
                .WithParameter("@ids", chunk.Select(CosmosIds.Touch).ToArray());
            foreach (var item in await state.QueryListAsync<TouchItem>(query, null, cancellationToken).ConfigureAwait(false))
            {
                stamps[item.Key] = item.ETag ?? throw new InvalidOperationException($"The touch mark of '{item.Key}' has no ETag.");
            }
        }

        return stamps;
    }

    public async Task<IReadOnlyList<string>> ListTouchedAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var query = new QueryDefinition("SELECT TOP @limit * FROM c WHERE c.type = @type ORDER BY c.touchedAt")
            .WithParameter("@limit", limit)
            .WithParameter("@type", ItemTypes.Touch);
        var items = await state.QueryListAsync<TouchItem>(query, null, cancellationToken).ConfigureAwait(false);
        return items
            .OrderBy(i => i.TouchedAt)
            .ThenBy(i => i.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(i => i.Key)
            .ToList();
    }

    public Task<bool> ClearTouchedAsync(string key, string stamp, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Touch(key);
        return state.DeleteAsync(id, new PartitionKey(id), ifMatch: stamp, cancellationToken);
    }
}
