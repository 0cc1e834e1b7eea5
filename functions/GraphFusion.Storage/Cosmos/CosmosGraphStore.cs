using GraphFusion.Core.Graph;
using GraphFusion.Core.References;
using GraphFusion.Core.Seeds;
using GraphFusion.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>
/// The graph store over Cosmos DB (NoSQL API). Containers and partition keys: documents (/id), claims (/key; one item per
/// key and document, plus the key's "owner" item), entities (/id), relations (/headId), state (/id; touch marks, values and references).
/// </summary>
public sealed class CosmosGraphStore : IGraphStore
{
    private readonly CosmosDocumentRegistry documents;
    private readonly CosmosClaimStore claims;
    private readonly CosmosGraphReader reader;
    private readonly CosmosGraphWriter writer;
    private readonly CosmosTouchLog touches;
    private readonly CosmosLeaseStore leases;
    private readonly CosmosStateStore state;
    private readonly CosmosGraphCounter counter;
    private readonly CosmosReferenceStore references;
    private readonly CosmosSeedModelStore seedModels;

    public CosmosGraphStore(CosmosGraphContainers containers, CosmosGraphStoreOptions options, TimeProvider? clock = null)
    {
        Containers = containers;
        documents = new CosmosDocumentRegistry(containers.Documents);
        claims = new CosmosClaimStore(containers.Claims, options);
        reader = new CosmosGraphReader(containers, options);
        writer = new CosmosGraphWriter(containers, options);
        touches = new CosmosTouchLog(containers.State, options, clock ?? TimeProvider.System);
        leases = new CosmosLeaseStore(containers.State, clock ?? TimeProvider.System);
        state = new CosmosStateStore(containers.State);
        counter = new CosmosGraphCounter(containers);
        references = new CosmosReferenceStore(containers.State);
        seedModels = new CosmosSeedModelStore(containers.State);
    }

    public CosmosGraphContainers Containers { get; }

    /// <summary>Opens the store on <paramref name="client"/>, creating the database and containers if missing.</summary>
    public static async Task<CosmosGraphStore> CreateAsync(CosmosClient client, CosmosGraphStoreOptions options, CancellationToken cancellationToken)
    {
        var containers = await CosmosGraphContainers.OpenAsync(client, options.Database, options.CreateIfMissing, cancellationToken).ConfigureAwait(false);
        return new CosmosGraphStore(containers, options);
    }

    public Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken) => documents.GetDocumentAsync(documentId, cancellationToken);

    public Task<DocumentRecord> SaveDocumentAsync(DocumentRecord record, CancellationToken cancellationToken) => documents.SaveDocumentAsync(record, cancellationToken);

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) => documents.DeleteDocumentAsync(documentId, cancellationToken);

    public Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken) => documents.ListDocumentsAsync(cancellationToken);

    public Task WriteClaimsAsync(string documentId, IReadOnlyList<KeyClaims> keyClaims, CancellationToken cancellationToken) =>
        claims.WriteClaimsAsync(documentId, keyClaims, cancellationToken);

    public Task DeleteClaimsAsync(string documentId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        claims.DeleteClaimsAsync(documentId, keys, cancellationToken);

    public Task<IReadOnlyList<KeyClaims>> GetClaimsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        claims.GetClaimsAsync(keys, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetKeyOwnersAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        reader.GetKeyOwnersAsync(keys, cancellationToken);

    public Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken) => reader.GetEntityAsync(id, cancellationToken);

    public Task<IReadOnlyList<Entity>> FindEntitiesAsync(string name, int limit, CancellationToken cancellationToken) =>
        reader.FindEntitiesAsync(name, limit, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsFromAsync(string headId, CancellationToken cancellationToken) =>
        reader.GetRelationsFromAsync(headId, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsToAsync(string tailId, CancellationToken cancellationToken) =>
        reader.GetRelationsToAsync(tailId, cancellationToken);

    public Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        reader.GetEntitiesAsync(ids, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsFromManyAsync(IReadOnlyCollection<string> headIds, CancellationToken cancellationToken) =>
        reader.GetRelationsFromManyAsync(headIds, cancellationToken);

    public Task<IReadOnlyList<Relation>> GetRelationsToManyAsync(IReadOnlyCollection<string> tailIds, CancellationToken cancellationToken) =>
        reader.GetRelationsToManyAsync(tailIds, cancellationToken);

    public IAsyncEnumerable<Entity> ListEntitiesAsync(CancellationToken cancellationToken) => reader.ListEntitiesAsync(cancellationToken);

    public IAsyncEnumerable<Relation> ListRelationsAsync(CancellationToken cancellationToken) => reader.ListRelationsAsync(cancellationToken);

    public Task UpsertEntitiesAsync(IReadOnlyList<Entity> entities, CancellationToken cancellationToken) => writer.UpsertEntitiesAsync(entities, cancellationToken);

    public Task DeleteEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => writer.DeleteEntitiesAsync(ids, cancellationToken);

    public Task ReplaceRelationsFromAsync(string headId, IReadOnlyList<Relation> relations, CancellationToken cancellationToken) =>
        writer.ReplaceRelationsFromAsync(headId, relations, cancellationToken);

    public Task ReplaceRelationsFromAsync(IReadOnlyDictionary<string, IReadOnlyList<Relation>> relationsByHead, CancellationToken cancellationToken) =>
        writer.ReplaceRelationsFromAsync(relationsByHead, cancellationToken);

    public Task MarkTouchedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => touches.MarkTouchedAsync(keys, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetTouchStampsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        touches.GetTouchStampsAsync(keys, cancellationToken);

    public Task<IReadOnlyList<string>> ListTouchedAsync(int limit, CancellationToken cancellationToken) => touches.ListTouchedAsync(limit, cancellationToken);

    public Task<bool> ClearTouchedAsync(string key, string stamp, CancellationToken cancellationToken) => touches.ClearTouchedAsync(key, stamp, cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        leases.TryAcquireLeaseAsync(name, holder, duration, cancellationToken);

    public Task<bool> RenewLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        leases.RenewLeaseAsync(name, holder, duration, cancellationToken);

    public Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken) => leases.ReleaseLeaseAsync(name, holder, cancellationToken);

    public Task<string?> GetStateAsync(string id, CancellationToken cancellationToken) => state.GetStateAsync(id, cancellationToken);

    public Task PutStateAsync(string id, string value, CancellationToken cancellationToken) => state.PutStateAsync(id, value, cancellationToken);

    public Task<StoredSeedModel?> GetSeedModelAsync(string name, CancellationToken cancellationToken) => seedModels.GetSeedModelAsync(name, cancellationToken);

    public Task SaveSeedModelAsync(StoredSeedModel model, CancellationToken cancellationToken) => seedModels.SaveSeedModelAsync(model, cancellationToken);

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken) => counter.CountAsync(cancellationToken);

    public Task<ReferenceRecord?> GetReferenceAsync(string referenceId, CancellationToken cancellationToken) => references.GetReferenceAsync(referenceId, cancellationToken);

    public Task<ReferenceRecord> SaveReferenceAsync(ReferenceRecord record, CancellationToken cancellationToken) => references.SaveReferenceAsync(record, cancellationToken);

    public Task DeleteReferenceAsync(string referenceId, CancellationToken cancellationToken) => references.DeleteReferenceAsync(referenceId, cancellationToken);

    public Task<IReadOnlyList<ReferenceRecord>> ListReferencesAsync(CancellationToken cancellationToken) => references.ListReferencesAsync(cancellationToken);

    public Task WriteReferenceEntitiesAsync(string referenceId, string version, IReadOnlyList<IndexedReferenceEntity> entities, CancellationToken cancellationToken) =>
        references.WriteReferenceEntitiesAsync(referenceId, version, entities, cancellationToken);

    public Task<IReadOnlyList<IndexedReferenceEntity>> GetReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken) =>
        references.GetReferenceEntitiesAsync(referenceId, version, cancellationToken);

    public Task DeleteReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken) =>
        references.DeleteReferenceEntitiesAsync(referenceId, version, cancellationToken);
}
