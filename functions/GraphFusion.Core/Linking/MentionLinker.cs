using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Linking;

/// <summary>The text of the chunks a document version was split into, for evidence snippets.</summary>
public sealed record LinkingInput(string DocumentId, string DocumentVersion, IReadOnlyList<ChunkExtraction> Extractions, IReadOnlyDictionary<string, string> ChunkTexts);

/// <summary>
/// Step 3 of ingestion: maps every mention to its normalised key, links keys to existing graph entities,
/// validates triplets against the schema and groups everything into per-key claims of the document.
/// Every mentioned key is linked to reference entities (glossary terms) when <paramref name="references"/> is given; a key
/// no graph entity owns also takes that link as its <see cref="KeyClaims.LinkedEntityId"/>.
/// </summary>
public sealed class MentionLinker(RelationSchema schema, IGraphReader graph, TimeProvider clock, IReferenceLinker? references = null)
{
    /// <summary>How <see cref="KeyClaims.LinkedEntityId"/> marks a link to a reference entity rather than a graph entity.</summary>
    public const string ReferencePrefix = "ref:";

    private const int MaxSnippetChars = 400;

    public Task<IReadOnlyList<KeyClaims>> LinkAsync(LinkingInput input, CancellationToken cancellationToken) => LinkAsync(input, references, cancellationToken);

    /// <summary>As <see cref="LinkAsync(LinkingInput, CancellationToken)"/>, linking to <paramref name="referenceLinker"/> instead of the linker given at construction.</summary>
    public async Task<IReadOnlyList<KeyClaims>> LinkAsync(LinkingInput input, IReferenceLinker? referenceLinker, CancellationToken cancellationToken)
    {
        var builders = new SortedDictionary<string, ClaimBuilder>(StringComparer.Ordinal);
        ClaimBuilder For(string key) => builders.TryGetValue(key, out var b) ? b : builders[key] = new ClaimBuilder();

        foreach (var extraction in input.Extractions.OrderBy(e => e.ChunkId, StringComparer.Ordinal))
        {
            var text = input.ChunkTexts.GetValueOrDefault(extraction.ChunkId, "");
            var aliases = extraction.Aliases.ToList();
            foreach (var mention in extraction.Mentions)
            {
                var (surface, acronym) = SurfaceCleaner.Clean(mention.Surface);
                var key = NameNormalizer.Key(surface);
                if (key.Length > 1)
                {
                    For(key).Mentions.Add(new MentionClaim(surface, mention.Type, extraction.ChunkId, mention.Start, mention.End, mention.Confidence, extraction.Extractor));
                }

                if (acronym is not null && NameNormalizer.Key(acronym) is { Length: > 1 } acronymKey)
                {
                    For(acronymKey).Mentions.Add(new MentionClaim(acronym, mention.Type, extraction.ChunkId, mention.Start, mention.End, mention.Confidence, extraction.Extractor));
                    aliases.Add(new ExtractedAlias(acronym, surface));
                }
            }

            foreach (var alias in aliases)
            {
                var shortKey = NameNormalizer.Key(alias.Short);
                var longKey = NameNormalizer.Key(alias.Long);
                if (shortKey.Length > 1 && longKey.Length > 1 && shortKey != longKey)
                {
                    For(shortKey).Aliases.Add(longKey);
                    For(longKey).Aliases.Add(shortKey);
                    MentionIfMissing(For(shortKey), alias.Short, text, extraction);
                    MentionIfMissing(For(longKey), alias.Long, text, extraction);
                }
            }

            foreach (var extracted in extraction.Triplets)
            {
                var triplet = extracted with { Head = SurfaceCleaner.Clean(extracted.Head).Surface, Tail = SurfaceCleaner.Clean(extracted.Tail).Surface };
                var type = schema.Canonical(triplet.Relation);
                var headKey = NameNormalizer.Key(triplet.Head);
                var tailKey = NameNormalizer.Key(triplet.Tail);
                if (type is null || headKey.Length <= 1 || tailKey.Length <= 1 || headKey == tailKey)
                {
                    continue;
                }

                var claim = new RelationClaim(
                    headKey, type, tailKey, triplet.Head.Trim(), triplet.Tail.Trim(), extraction.ChunkId, triplet.Start, triplet.End,
                    Snippet(text, triplet.Start, triplet.End), triplet.Confidence, extraction.Extractor);
                EnsureMentioned(For(headKey), triplet.Head, extraction, triplet);
                EnsureMentioned(For(tailKey), triplet.Tail, extraction, triplet);
                For(headKey).Relations.Add(claim);
                if (schema.IsSymmetric(type))
                {
                    For(tailKey).Relations.Add(claim);
                }
            }
        }

        foreach (var key in builders.Keys.ToList())
        {
            foreach (var block in Fusion.BlockKeys.For(key))
            {
                For(block).Aliases.Add(key);
                builders[key].Aliases.Add(block);
            }
        }

        var owners = await graph.GetKeyOwnersAsync(builders.Keys, cancellationToken);
        var referenced = await LinkReferencesAsync(referenceLinker, builders, input.ChunkTexts, cancellationToken);
        var now = clock.GetUtcNow();
        return builders
            .Where(b => b.Value.Mentions.Count > 0 || b.Value.Relations.Count > 0 || Fusion.BlockKeys.IsBlockKey(b.Key))
            .Select(b => new KeyClaims
            {
                Key = b.Key,
                DocumentId = input.DocumentId,
                DocumentVersion = input.DocumentVersion,
                ObservedAt = now,
                Mentions = b.Value.Mentions,
                Relations = b.Value.Relations.Distinct().ToList(),
                AliasKeys = b.Value.Aliases.Order(StringComparer.Ordinal).ToList(),
                LinkedEntityId = owners.GetValueOrDefault(b.Key) ?? (referenced.TryGetValue(b.Key, out var r) ? ReferencePrefix + r.Entity.Id : null),
                LinkConfidence = owners.ContainsKey(b.Key) ? 1.0 : referenced.TryGetValue(b.Key, out var c) ? c.Confidence : 0.0,
                ReferenceId = referenced.TryGetValue(b.Key, out var reference) ? reference.Entity.Id : null,
                ReferenceConfidence = referenced.TryGetValue(b.Key, out var referenceLink) ? referenceLink.Confidence : 0.0,
            })
            .ToList();
    }

    // The first mention of each key, read in its sentence, against the reference entities (see ReferenceOfFirstMentionAsync).
    private static async Task<Dictionary<string, ReferenceLink>> LinkReferencesAsync(
        IReferenceLinker? references, SortedDictionary<string, ClaimBuilder> builders, IReadOnlyDictionary<string, string> chunkTexts, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, ReferenceLink>(StringComparer.Ordinal);
        if (references is null)
        {
            return links;
        }

        foreach (var (key, builder) in builders)
        {
            if (await ReferenceOfFirstMentionAsync(references, builder.Mentions, id => chunkTexts.GetValueOrDefault(id, ""), cancellationToken) is { } link)
            {
                links[key] = link;
            }
        }

        return links;
    }

    /// <summary>
    /// The reference link of a key's claims: its first mention, read in its sentence. Ingestion and re-linking
    /// (<see cref="Pipeline.RelinkDocumentsStep"/>) both decide it here, so they agree.
    /// </summary>
    public static async Task<ReferenceLink?> ReferenceOfFirstMentionAsync(
        IReferenceLinker references, IReadOnlyList<MentionClaim> mentions, Func<string, string> chunkText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(mentions);
        if (mentions.Count == 0)
        {
            return null;
        }

        var mention = mentions[0];
        var sentence = SentenceAround.Of(chunkText(mention.ChunkId), mention.Start, mention.End);
        return await references.LinkAsync(mention.Surface, sentence, cancellationToken);
    }

    // Both sides of a stated alias become entities' surface forms, even when the extractor did not tag one of them.
    private static void MentionIfMissing(ClaimBuilder builder, string surface, string text, ChunkExtraction extraction)
    {
        var start = text.IndexOf(surface, StringComparison.Ordinal);
        if (start >= 0 && !builder.Mentions.Any(m => m.ChunkId == extraction.ChunkId))
        {
            builder.Mentions.Add(new MentionClaim(surface, EntityTyper.TypeOf(surface), extraction.ChunkId, start, start + surface.Length, 0.6, extraction.Extractor));
        }
    }

    // Extractors that return triplets only (LLMs) still give every concept a mention, so that it becomes an entity.
    private static void EnsureMentioned(ClaimBuilder builder, string surface, ChunkExtraction extraction, ExtractedTriplet triplet)
    {
        if (!builder.Mentions.Any(m => m.ChunkId == extraction.ChunkId))
        {
            builder.Mentions.Add(new MentionClaim(surface.Trim(), EntityTyper.TypeOf(surface), extraction.ChunkId, triplet.Start, triplet.End, triplet.Confidence, extraction.Extractor));
        }
    }

    private static string Snippet(string text, int start, int end)
    {
        if (start < 0 || end > text.Length || start >= end)
        {
            return "";
        }

        var snippet = text[start..end];
        return snippet.Length <= MaxSnippetChars ? snippet : snippet[..MaxSnippetChars] + "…";
    }

    private sealed class ClaimBuilder
    {
        public List<MentionClaim> Mentions { get; } = [];
        public List<RelationClaim> Relations { get; } = [];
        public HashSet<string> Aliases { get; } = new(StringComparer.Ordinal);
    }
}
