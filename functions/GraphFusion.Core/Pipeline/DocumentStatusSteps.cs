using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Marks a document ingested once its claims are fused.</summary>
public sealed class CompleteDocumentStep(IGraphStore store, TimeProvider clock)
{
    public async Task<DocumentRecord> RunAsync(CompleteRequest request, CancellationToken cancellationToken) =>
        await DocumentRecords.UpdateAsync(store, request.DocumentId, request.DocumentId, r => r with
        {
            Status = DocumentStatus.Ingested,
            Error = null,
            UpdatedAt = clock.GetUtcNow(),
        }, cancellationToken);
}

/// <summary>Marks a document failed with its reason. Claims of an earlier good version stay until it is replaced or removed.</summary>
public sealed class FailDocumentStep(IGraphStore store, TimeProvider clock)
{
    public async Task<DocumentRecord> RunAsync(FailRequest request, CancellationToken cancellationToken) =>
        await DocumentRecords.UpdateAsync(store, request.DocumentId, request.Name, r => r with
        {
            Status = DocumentStatus.Failed,
            Error = request.Error,
            UpdatedAt = clock.GetUtcNow(),
        }, cancellationToken);
}

/// <summary>Finds documents whose source is gone (a deleted blob or file), so that their contribution can be retracted.</summary>
public sealed class FindRemovedDocumentsStep(IDocumentRegistry store, IDocumentSource source)
{
    public async Task<IReadOnlyList<string>> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var document in await store.ListDocumentsAsync(cancellationToken))
        {
            if (removed.Count >= limit)
            {
                break;
            }

            if (!await source.ExistsAsync(document.Name, cancellationToken))
            {
                removed.Add(document.Id);
            }
        }

        return removed;
    }
}

/// <summary>Withdraws every claim of a document and marks the keys for fusion; facts left without evidence disappear when they are fused.</summary>
public sealed class RetractDocumentStep(IGraphStore store)
{
    public async Task<IReadOnlyList<string>> RunAsync(string documentId, CancellationToken cancellationToken)
    {
        var record = await store.GetDocumentAsync(documentId, cancellationToken);
        if (record is null)
        {
            return [];
        }

        await store.DeleteClaimsAsync(documentId, record.Keys, cancellationToken);
        await store.MarkTouchedAsync(record.Keys, cancellationToken);
        await store.DeleteDocumentAsync(documentId, cancellationToken);
        return record.Keys;
    }
}
