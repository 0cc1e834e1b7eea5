using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>What re-linking a batch of documents changed.</summary>
public sealed record RelinkResult(int Documents, int ClaimsChanged, IReadOnlyList<string> TouchedKeys)
{
    public static RelinkResult Empty { get; } = new(0, 0, []);

    public RelinkResult Add(RelinkResult other) =>
        new(Documents + other.Documents, ClaimsChanged + other.ClaimsChanged, [.. TouchedKeys.Concat(other.TouchedKeys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
}

/// <summary>
/// After a reference arrives, is replaced or is removed: links the claims of documents already ingested to the references
/// now indexed, as ingestion would link them today (<see cref="MentionLinker.ReferenceOfFirstMentionAsync"/>), rewrites only
/// the claims whose link changed and marks their keys for fusion. Safe to repeat: a second run finds nothing to change.
/// A document whose version changes meanwhile is left to its own ingestion, which links with the current references.
/// </summary>
public sealed class RelinkDocumentsStep(IGraphStore store, StoredReferenceLinker references)
{
    /// <summary>The documents that have claims, in id order: the batches of a re-link.</summary>
    public async Task<IReadOnlyList<string>> ListDocumentsAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListDocumentsAsync(cancellationToken)).Where(d => d.Keys.Count > 0).Select(d => d.Id).Order(StringComparer.Ordinal)];

    public async Task<RelinkResult> RunAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var linker = await references.GetAsync(cancellationToken);
        var total = RelinkResult.Empty;
        foreach (var documentId in documentIds.Distinct(StringComparer.Ordinal))
        {
            total = total.Add(await RelinkAsync(documentId, linker, cancellationToken));
        }

        return total;
    }

    private async Task<RelinkResult> RelinkAsync(string documentId, IReferenceLinker? linker, CancellationToken cancellationToken)
    {
        var record = await store.GetDocumentAsync(documentId, cancellationToken);
        if (record is null || record.Keys.Count == 0)
        {
            return RelinkResult.Empty;
        }

        var claims = (await store.GetClaimsAsync(record.Keys, cancellationToken))
            .Where(c => c.DocumentId == documentId && c.DocumentVersion == record.Version)
            .ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new List<KeyClaims>();
        foreach (var claim in claims)
        {
            var relinked = await RelinkAsync(claim, linker, texts, cancellationToken);
            if (relinked != claim)
            {
                changed.Add(relinked);
            }
        }

        // Another version was ingested while we read: its claims are linked already and must not be overwritten.
        if (changed.Count == 0 || (await store.GetDocumentAsync(documentId, cancellationToken))?.Version != record.Version)
        {
            return new RelinkResult(1, 0, []);
        }

        await store.WriteClaimsAsync(documentId, changed, cancellationToken);
        var touched = changed.Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        await store.MarkTouchedAsync(touched, cancellationToken);
        return new RelinkResult(1, changed.Count, touched);
    }

    private async Task<KeyClaims> RelinkAsync(KeyClaims claim, IReferenceLinker? linker, Dictionary<string, string> texts, CancellationToken cancellationToken)
    {
        ReferenceLink? link = null;
        if (linker is not null && claim.Mentions.Count > 0)
        {
            var chunkId = claim.Mentions[0].ChunkId;
            if (!texts.ContainsKey(chunkId))
            {
                texts[chunkId] = await store.GetStateAsync(StateKeys.Chunk(chunkId), cancellationToken) ?? "";
            }

            link = await MentionLinker.ReferenceOfFirstMentionAsync(linker, claim.Mentions, id => texts[id], cancellationToken);
        }

        var referenceId = link?.Entity.Id;
        var confidence = link?.Confidence ?? 0.0;
        var linkedToGraph = claim.LinkedEntityId is { } linked && !linked.StartsWith(MentionLinker.ReferencePrefix, StringComparison.Ordinal);
        return claim with
        {
            ReferenceId = referenceId,
            ReferenceConfidence = confidence,
            LinkedEntityId = linkedToGraph ? claim.LinkedEntityId : referenceId is null ? null : MentionLinker.ReferencePrefix + referenceId,
            LinkConfidence = linkedToGraph ? claim.LinkConfidence : confidence,
        };
    }
}
