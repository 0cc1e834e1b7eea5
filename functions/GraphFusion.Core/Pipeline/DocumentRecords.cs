using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Read-modify-write of a document record with optimistic concurrency, retried on conflicts.</summary>
public static class DocumentRecords
{
    public static async Task<DocumentRecord> UpdateAsync(IDocumentRegistry store, string documentId, string name, Func<DocumentRecord, DocumentRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetDocumentAsync(documentId, cancellationToken) ?? new DocumentRecord { Id = documentId, Name = name };
            try
            {
                return await store.SaveDocumentAsync(change(current), cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }
    }
}
