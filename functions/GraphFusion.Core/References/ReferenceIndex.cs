using GraphFusion.Core.Alignment;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.References;

/// <summary>
/// Reference entities indexed for mention linking: by the normalised key of the name and of every alias
/// (<see cref="NameNormalizer.Key"/>), by acronym (the initials of multi-word names), by character n-grams of the
/// names for near misses, and by the content words of the descriptions. Embeddings of name and description
/// (<see cref="ReferenceEmbeddingText"/>) are optional: with them the index also finds the nearest entities of a mention's
/// embedding (<see cref="EmbeddingNeighbours"/>), by brute-force cosine, which is fast enough for glossaries and reference
/// graphs up to about 100k entities.
/// </summary>
public sealed class ReferenceIndex
{
    private readonly Dictionary<string, List<(int Index, NameMatch Match)>> _byKey = new(StringComparer.Ordinal);
    private readonly CharNGramVectorizer _vectorizer = new(2, 4);
    private readonly InvertedIndex _names;
    private readonly int[] _nameOwner;
    private readonly HashSet<string>[] _context;
    private readonly float[][]? _descriptionVectors;
    private readonly UnitVectors? _unitVectors;

    private ReferenceIndex(IReadOnlyList<ReferenceEntity> entities, float[][]? descriptionVectors)
    {
        if (descriptionVectors is not null && descriptionVectors.Length != entities.Count)
        {
            throw new ArgumentException($"{descriptionVectors.Length} embeddings for {entities.Count} entities.", nameof(descriptionVectors));
        }

        Entities = entities;
        _descriptionVectors = descriptionVectors;
        _unitVectors = descriptionVectors is null ? null : UnitVectors.Of(descriptionVectors);
        var names = new List<string>();
        var owners = new List<int>();
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            AddKey(NameNormalizer.Key(entity.Name), i, NameMatch.Exact);
            foreach (var alias in entity.Aliases)
            {
                AddKey(NameNormalizer.Key(alias), i, NameMatch.Alias);
            }

            foreach (var form in entity.Aliases.Prepend(entity.Name))
            {
                if (Initials(form) is { } initials)
                {
                    AddKey(initials, i, NameMatch.Acronym);
                }

                names.Add(EntityLabel.Fold(form));
                owners.Add(i);
            }
        }

        _vectorizer.Fit(names);
        _names = new InvertedIndex([.. names.Select(_vectorizer.Vectorize)], _vectorizer.VocabularySize);
        _nameOwner = [.. owners];
        _context = [.. entities.Select(e => ContextTokens.Of(string.Join(' ', [e.Description, e.Parent ?? "", .. e.AttributeValues()])))];
    }

    /// <summary>The indexed entities, in the order given.</summary>
    public IReadOnlyList<ReferenceEntity> Entities { get; }

    /// <summary>True when description embeddings were computed.</summary>
    public bool HasEmbeddings => _descriptionVectors is not null;

    /// <summary>Indexes entities by name, alias, acronym, n-grams and description words.</summary>
    public static ReferenceIndex Build(IReadOnlyList<ReferenceEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return new ReferenceIndex(entities, null);
    }

    /// <summary>As <see cref="Build"/>, with the embeddings computed at index time (one per entity, same length, in entity order).</summary>
    public static ReferenceIndex Build(IReadOnlyList<ReferenceEntity> entities, float[][] embeddings)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(embeddings);
        return new ReferenceIndex(entities, embeddings);
    }

    /// <summary>As <see cref="Build"/>, and embeds every entity's name and description with <paramref name="embedder"/>.</summary>
    public static async Task<ReferenceIndex> BuildAsync(IReadOnlyList<ReferenceEntity> entities, ITextEmbedder embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(embedder);
        var texts = entities.Select(ReferenceEmbeddingText.Of).ToList();
        var vectors = texts.Count == 0 ? [] : await embedder.EmbedAsync(texts, cancellationToken);
        return new ReferenceIndex(entities, vectors);
    }

    /// <summary>
    /// The entities whose embeddings are closest to <paramref name="query"/> by cosine, at least <paramref name="minCosine"/>,
    /// best first; none without embeddings or when the query's length differs from theirs.
    /// </summary>
    public IReadOnlyList<(int Index, double Cosine)> EmbeddingNeighbours(float[] query, int k, double minCosine) =>
        _unitVectors?.Nearest(query, k, minCosine) ?? [];

    /// <summary>
    /// The candidates of a surface form: exact, alias and acronym key matches, then the names closest by character
    /// n-grams (cosine at least <paramref name="minSimilarity"/>) and, given the surface's embedding, the entities nearest
    /// to it (cosine at least <paramref name="minEmbedding"/>), best first, one per entity.
    /// </summary>
    public IReadOnlyList<ReferenceCandidate> Candidates(
        string surface, int maxSimilar = 5, double minSimilarity = 0.45, float[]? surfaceVector = null, double minEmbedding = 0.6)
    {
        var found = new Dictionary<int, ReferenceCandidate>();
        void Offer(int index, NameMatch match, double score)
        {
            if (!found.TryGetValue(index, out var existing) || existing.NameScore < score)
            {
                found[index] = new ReferenceCandidate(index, Entities[index], match, score);
            }
        }

        var key = NameNormalizer.Key(surface);
        if (key.Length == 0)
        {
            return [];
        }

        foreach (var (index, match) in _byKey.GetValueOrDefault(key) ?? [])
        {
            Offer(index, match, match switch { NameMatch.Exact => 1.0, NameMatch.Alias => 0.95, _ => 0.85 });
        }

        // "COGS" keys as "cog" (plural folded) but abbreviates "cost of goods sold": look the letters up as written too.
        if (NameNormalizer.LooksLikeAcronym(surface.Trim()))
        {
            var letters = string.Concat(surface.Where(char.IsLetterOrDigit)).ToLowerInvariant();
            foreach (var (index, match) in _byKey.GetValueOrDefault(letters) ?? [])
            {
                Offer(index, match, match switch { NameMatch.Exact => 1.0, NameMatch.Alias => 0.95, _ => 0.85 });
            }
        }

        if (Initials(surface) is { } initials)
        {
            foreach (var (index, match) in _byKey.GetValueOrDefault(initials) ?? [])
            {
                if (match != NameMatch.Acronym)
                {
                    Offer(index, NameMatch.Acronym, 0.85);
                }
            }
        }

        var scores = new ScoreBuffer(_nameOwner.Length);
        _names.Accumulate(_vectorizer.Vectorize(EntityLabel.Fold(surface)), 1f, scores);
        var top = new TopK(maxSimilar * 2);
        foreach (var row in scores.Touched)
        {
            top.Offer(row, scores[row]);
        }

        foreach (var pair in top.Result(0))
        {
            if (pair.Score >= minSimilarity)
            {
                Offer(_nameOwner[pair.Right], NameMatch.Similar, Math.Min(0.9, pair.Score * 0.9));
            }
        }

        if (surfaceVector is not null)
        {
            // Capped below an alias match: an embedding neighbour is a guess that the context has to confirm.
            foreach (var (index, cosine) in EmbeddingNeighbours(surfaceVector, maxSimilar, minEmbedding))
            {
                Offer(index, NameMatch.Embedding, Math.Min(0.9, cosine));
            }
        }

        return [.. found.Values.OrderByDescending(c => c.NameScore).ThenBy(c => c.Index)];
    }

    /// <summary>The content words of an entity's description and parent.</summary>
    public IReadOnlySet<string> ContextOf(int index) => _context[index];

    /// <summary>The description embedding of an entity, when built with an embedder.</summary>
    public float[]? EmbeddingOf(int index) => _descriptionVectors?[index];

    private void AddKey(string key, int index, NameMatch match)
    {
        if (key.Length == 0)
        {
            return;
        }

        if (!_byKey.TryGetValue(key, out var list))
        {
            _byKey[key] = list = [];
        }

        if (!list.Any(e => e.Index == index))
        {
            list.Add((index, match));
        }
    }

    // "customer lifetime value" → "clv"; single words and acronyms have no initials.
    private static string? Initials(string form)
    {
        var words = NameNormalizer.Key(form).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 8 ? string.Concat(words.Select(w => w[0])) : null;
    }
}
