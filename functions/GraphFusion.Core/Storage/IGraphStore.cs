using GraphFusion.Core.Graph;
using GraphFusion.Core.Seeds;

namespace GraphFusion.Core.Storage;

public enum DocumentStatus
{
    Pending,
    Processing,
    Ingested,
    Failed,
    Removed,
}

/// <summary>What the store knows of one document: its current version, status and the keys that version claims.</summary>
public sealed record DocumentRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Version { get; init; } = "";
    public DocumentStatus Status { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<string> Keys { get; init; } = [];
    public int ChunkCount { get; init; }
    public int MentionCount { get; init; }
    public int RelationClaimCount { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Concurrency token; null for a record that has not been saved yet.</summary>
    public string? ETag { get; init; }
}

public sealed record GraphCounts(int Documents, int Entities, int Relations, int Aliases, int Evidence);

/// <summary>A write lost a race with another writer: read again and retry.</summary>
public sealed class ConcurrencyConflictException(string what) : Exception($"Concurrent update of {what}; read it again and retry.");

public interface IDocumentRegistry
{
    Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Creates (ETag null) or replaces (ETag matches) the record; throws <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    Task<DocumentRecord> SaveDocumentAsync(DocumentRecord record, CancellationToken cancellationToken);

    Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken);
}

public interface IClaimStore
{
    /// <summary>Upserts one item per (key, document); repeating the call writes the same items.</summary>
    Task WriteClaimsAsync(string documentId, IReadOnlyList<KeyClaims> claims, CancellationToken cancellationToken);

    Task DeleteClaimsAsync(string documentId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>The claims of every document on these keys.</summary>
    Task<IReadOnlyList<KeyClaims>> GetClaimsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

public interface IGraphReader
{
    Task<IReadOnlyDictionary<string, string>> GetKeyOwnersAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken);

    /// <summary>Entities whose name or an alias normalises to the same key as <paramref name="name"/>, then prefix matches.</summary>
    Task<IReadOnlyList<Entity>> FindEntitiesAsync(string name, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Relation>> GetRelationsFromAsync(string headId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Relation>> GetRelationsToAsync(string tailId, CancellationToken cancellationToken);

    /// <summary>The entities of these ids that exist, in no particular order; one round trip per batch where the store allows it.</summary>
    Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Every relation leaving any of these entities, in no particular order.</summary>
    Task<IReadOnlyList<Relation>> GetRelationsFromManyAsync(IReadOnlyCollection<string> headIds, CancellationToken cancellationToken);

    /// <summary>Every relation arriving at any of these entities, in no particular order.</summary>
    Task<IReadOnlyList<Relation>> GetRelationsToManyAsync(IReadOnlyCollection<string> tailIds, CancellationToken cancellationToken);

    IAsyncEnumerable<Entity> ListEntitiesAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<Relation> ListRelationsAsync(CancellationToken cancellationToken);
}

public interface IGraphWriter
{
    /// <summary>Writes the entities and makes each the owner of its keys.</summary>
    Task UpsertEntitiesAsync(IReadOnlyList<Entity> entities, CancellationToken cancellationToken);

    /// <summary>Deletes the entities, their outgoing relations, and key ownerships that still point at them.</summary>
    Task DeleteEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="relations"/> the complete set of relations leaving <paramref name="headId"/>.</summary>
    Task ReplaceRelationsFromAsync(string headId, IReadOnlyList<Relation> relations, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ReplaceRelationsFromAsync(string, IReadOnlyList{Relation}, CancellationToken)"/> for many heads in one call
    /// (one transaction where the store has them): each head's list becomes the complete set of relations leaving it.
    /// </summary>
    Task ReplaceRelationsFromAsync(IReadOnlyDictionary<string, IReadOnlyList<Relation>> relationsByHead, CancellationToken cancellationToken);
}

/// <summary>Keys whose claims changed since they were last fused. A stamp changes on every touch.</summary>
public interface ITouchLog
{
    Task MarkTouchedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> GetTouchStampsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListTouchedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Clears the mark only if it still carries <paramref name="stamp"/>; false when it was touched again meanwhile.</summary>
    Task<bool> ClearTouchedAsync(string key, string stamp, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ClearTouchedAsync(string, string, CancellationToken)"/> for many keys (one transaction where the store has
    /// them); returns the keys touched again meanwhile, whose marks stay.
    /// </summary>
    async Task<IReadOnlyList<string>> ClearTouchedAsync(IReadOnlyDictionary<string, string> stamps, CancellationToken cancellationToken)
    {
        var kept = new List<string>();
        foreach (var (key, stamp) in stamps)
        {
            if (!await ClearTouchedAsync(key, stamp, cancellationToken))
            {
                kept.Add(key);
            }
        }

        return kept;
    }
}

/// <summary>
/// Named leases with an expiry, so that one holder at a time runs work that must not interleave (fusion rounds), across
/// processes and machines; a holder that dies loses its lease when it expires.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease for <paramref name="holder"/> if it is free, expired or already theirs; false when another holds it.</summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends the lease if <paramref name="holder"/> still holds it; false when it expired and another took it.</summary>
    Task<bool> RenewLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Frees the lease if <paramref name="holder"/> holds it.</summary>
    Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken);
}

/// <summary>Small named values: chunk texts and cached step results, keyed by content hashes.</summary>
public interface IStateStore
{
    Task<string?> GetStateAsync(string id, CancellationToken cancellationToken);

    Task PutStateAsync(string id, string value, CancellationToken cancellationToken);
}

/// <summary>Seed models by name (one per corpus), too large for one state value: a store splits them as it needs.</summary>
public interface ISeedModelStore
{
    Task<StoredSeedModel?> GetSeedModelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the model of that name; a reader sees the old or the new one, never a mix.</summary>
    Task SaveSeedModelAsync(StoredSeedModel model, CancellationToken cancellationToken);
}

/// <summary>The graph store: one interface, implemented over Cosmos DB and over SQLite.</summary>
public interface IGraphStore : IDocumentRegistry, IClaimStore, IGraphReader, IGraphWriter, ITouchLog, ILeaseStore, IStateStore, IReferenceStore, ISeedModelStore
{
    Task<GraphCounts> CountAsync(CancellationToken cancellationToken);
}
