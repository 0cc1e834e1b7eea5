using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Document records in the documents container, with ETag optimistic concurrency.</summary>
public sealed class CosmosDocumentRegistry(JsonContainer documents) : IDocumentRegistry
{
    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Document(documentId);
        var item = await documents.ReadAsync<DocumentItem>(id, new PartitionKey(id), cancellationToken).ConfigureAwait(false);
        return item?.ToRecord();
    }

    public async Task<DocumentRecord> SaveDocumentAsync(DocumentRecord record, CancellationToken cancellationToken)
    {
        var item = DocumentItem.From(record);
        var partitionKey = new PartitionKey(item.Id);
        var etag = record.ETag is null
            ? await documents.CreateAsync(item, partitionKey, cancellationToken).ConfigureAwait(false)
            : await documents.ReplaceAsync(item, item.Id, partitionKey, record.ETag, cancellationToken).ConfigureAwait(false);
        return etag is null
            ? throw new ConcurrencyConflictException($"document {record.Id}")
            : record with { ETag = etag };
    }

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Document(documentId);
        return documents.DeleteAsync(id, new PartitionKey(id), ifMatch: null, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c");
        var items = await documents.QueryListAsync<DocumentItem>(query, null, cancellationToken).ConfigureAwait(false);
        return items.Select(i => i.ToRecord()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }
}
