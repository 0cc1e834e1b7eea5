using System.Text.Json;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Linking;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>
/// Turns a document version's extractions into claims and swaps them in for the previous version's:
/// new claims are written first, claims on keys the new version no longer mentions are deleted, and every changed key is marked for fusion.
/// Mentions are linked to the references indexed in the store when <paramref name="references"/> is given.
/// </summary>
public sealed class LinkDocumentStep(ITripletExtractor extractor, MentionLinker linker, IGraphStore store, TimeProvider clock, StoredReferenceLinker? references = null)
{
    public async Task<LinkResult> RunAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        var extractions = new List<ChunkExtraction>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunkId in request.ChunkIds.Distinct(StringComparer.Ordinal))
        {
            var json = await store.GetStateAsync(StateKeys.Extraction(extractor.Name, chunkId), cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {chunkId} of document {request.DocumentId} has not been extracted.");
            extractions.Add(JsonSerializer.Deserialize<ChunkExtraction>(json)!);
            texts[chunkId] = await store.GetStateAsync(StateKeys.Chunk(chunkId), cancellationToken) ?? "";
        }

        var input = new LinkingInput(request.DocumentId, request.Version, extractions, texts);
        var claims = references is null
            ? await linker.LinkAsync(input, cancellationToken)
            : await linker.LinkAsync(input, await references.GetAsync(cancellationToken), cancellationToken);
        var existing = await store.GetDocumentAsync(request.DocumentId, cancellationToken);
        var newKeys = claims.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var removed = (existing?.Keys ?? []).Where(k => !newKeys.Contains(k)).ToList();

        await store.WriteClaimsAsync(request.DocumentId, claims, cancellationToken);
        await store.DeleteClaimsAsync(request.DocumentId, removed, cancellationToken);
        var touched = newKeys.Concat(removed).Order(StringComparer.Ordinal).ToList();
        await store.MarkTouchedAsync(touched, cancellationToken);

        var mentions = claims.Sum(c => c.Mentions.Count);
        var relations = claims.Sum(c => c.Relations.Count);
        await DocumentRecords.UpdateAsync(store, request.DocumentId, existing?.Name ?? request.DocumentId, r => r with
        {
            Version = request.Version,
            Keys = newKeys.Order(StringComparer.Ordinal).ToList(),
            ChunkCount = request.ChunkIds.Count,
            MentionCount = mentions,
            RelationClaimCount = relations,
            UpdatedAt = clock.GetUtcNow(),
        }, cancellationToken);
        return new LinkResult(touched, mentions, relations);
    }
}
