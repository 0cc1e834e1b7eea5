using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Seeds;

/// <summary>
/// Merges ranked seed concepts whose name embeddings are at least <c>threshold</c> cosine-similar: the
/// lower-ranked one folds its clusters and documents into the higher-ranked one. User concepts are never
/// folded away.
/// </summary>
public static class NearDuplicateMerger
{
    public const double DefaultThreshold = 0.95;

    public static async Task<IReadOnlyList<SeedConcept>> MergeAsync(
        IReadOnlyList<SeedConcept> ranked, ITextEmbedder embedder, double threshold = DefaultThreshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(embedder);
        var embeddings = await embedder.EmbedAsync([.. ranked.Select(c => c.Name)], cancellationToken).ConfigureAwait(false);
        return Merge(ranked, embeddings, threshold);
    }

    public static IReadOnlyList<SeedConcept> Merge(IReadOnlyList<SeedConcept> ranked, IReadOnlyList<float[]> embeddings, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (ranked.Count != embeddings.Count)
        {
            throw new ArgumentException($"{ranked.Count} concepts but {embeddings.Count} embeddings.", nameof(embeddings));
        }

        var kept = new List<(SeedConcept Concept, float[] Vector)>();
        foreach (var (concept, vector) in ranked.Zip(embeddings.Select(e => VectorMath.Normalized(e))))
        {
            var into = concept.Source == SeedSource.User ? -1 : kept.FindIndex(k => VectorMath.Dot(k.Vector, vector) >= threshold);
            if (into < 0)
            {
                kept.Add((concept, vector));
                continue;
            }

            var target = kept[into].Concept;
            kept[into] = (target with
            {
                Clusters = [.. target.Clusters.Union(concept.Clusters).Order()],
                Documents = [.. target.Documents.Union(concept.Documents).Order()],
            }, kept[into].Vector);
        }

        return [.. kept.Select(k => k.Concept)];
    }
}
