using GraphFusion.Core.Graph;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Claims as one item per (key, document) in the key's partition of the claims container.</summary>
public sealed class CosmosClaimStore(JsonContainer claims, CosmosGraphStoreOptions options) : Core.Storage.IClaimStore
{
    public Task WriteClaimsAsync(string documentId, IReadOnlyList<KeyClaims> keyClaims, CancellationToken cancellationToken)
    {
        var mismatch = keyClaims.FirstOrDefault(c => c.DocumentId != documentId);
        if (mismatch is not null)
        {
            throw new ArgumentException($"Claims on '{mismatch.Key}' belong to document '{mismatch.DocumentId}', not '{documentId}'.", nameof(keyClaims));
        }

        return Concurrently.ForEachAsync(
            keyClaims,
            options.MaxConcurrency,
            (c, token) => claims.UpsertAsync(ClaimItem.From(c), new PartitionKey(c.Key), token),
            cancellationToken);
    }

    public Task DeleteClaimsAsync(string documentId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Claim(documentId);
        return Concurrently.ForEachAsync(
            keys.Distinct(StringComparer.Ordinal),
            options.MaxConcurrency,
            (key, token) => claims.DeleteAsync(id, new PartitionKey(key), ifMatch: null, token),
            cancellationToken);
    }

    public async Task<IReadOnlyList<KeyClaims>> GetClaimsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var results = new List<KeyClaims>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(Math.Max(1, options.KeysPerQuery)))
        {
            var items = await KeyQuery.RunAsync<ClaimItem>(claims, ItemTypes.Claim, chunk, cancellationToken).ConfigureAwait(false);
            results.AddRange(items.Select(i => i.Claims));
        }

        return results
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ThenBy(c => c.DocumentId, StringComparer.Ordinal)
            .ToList();
    }
}
