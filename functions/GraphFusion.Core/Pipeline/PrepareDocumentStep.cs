using System.Text.Json;
using GraphFusion.Core.Chunking;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Reads a document, extracts its text and chunks it; chunk texts go to the state store, ids come back.</summary>
public sealed class PrepareDocumentStep(IDocumentSource source, DocumentReader reader, Chunker chunker, IGraphStore store, TimeProvider clock)
{
    public async Task<PreparedDocument> RunAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var documentId = request.DocumentId;
        SourceDocument document;
        try
        {
            document = await source.ReadAsync(request.Reference, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return new PreparedDocument(documentId, request.Reference, "", [], false, $"{request.Reference}: no longer exists");
        }
        catch (DocumentRejectedException ex)
        {
            return new PreparedDocument(documentId, request.Reference, "", [], false, ex.Message);
        }

        var existing = await store.GetDocumentAsync(documentId, cancellationToken);
        var version = Graph.StableId.ContentHash(document.Content);
        if (existing is { Status: DocumentStatus.Ingested } && existing.Version == version)
        {
            return new PreparedDocument(documentId, document.Name, version, [], true, null);
        }

        DocumentText text;
        try
        {
            text = reader.Read(documentId, document.Name, document.Content);
        }
        catch (DocumentRejectedException ex)
        {
            return new PreparedDocument(documentId, document.Name, version, [], false, ex.Message);
        }

        var chunks = chunker.Split(text.Text);
        foreach (var chunk in chunks)
        {
            await store.PutStateAsync(StateKeys.Chunk(chunk.Id), chunk.Text, cancellationToken);
        }

        var chunkIds = chunks.Select(c => c.Id).ToList();
        await store.PutStateAsync(StateKeys.Chunks(documentId, version), JsonSerializer.Serialize(chunkIds), cancellationToken);
        await DocumentRecords.UpdateAsync(store, documentId, document.Name, r => r with { Status = DocumentStatus.Processing, Error = null, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        return new PreparedDocument(documentId, document.Name, version, chunkIds, false, null);
    }
}
