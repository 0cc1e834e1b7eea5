using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Seeds;

/// <summary>
/// How well each cluster phrase represents its cluster: the cosine between the phrase's name embedding and
/// the cluster centroid (as BERTopic's KeyBERT-inspired representation does). It demotes phrases that are
/// frequent in a cluster without being about its topic ("proposed framework", "experimental result").
/// </summary>
public static class CentroidRelevance
{
    /// <summary>Embeds the shown name of every phrase the clusters list.</summary>
    public static async Task<IReadOnlyDictionary<string, float[]>> EmbedPhrasesAsync(
        SeedModel model, ITextEmbedder embedder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(embedder);
        var keys = model.Clusters.SelectMany(c => c.Phrases).Select(p => p.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var vectors = await embedder.EmbedAsync([.. keys.Select(k => model.Surfaces.GetValueOrDefault(k, k))], cancellationToken).ConfigureAwait(false);
        return keys.Zip(vectors).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>The cosine (floored at 0) between a phrase embedding and the direction of a cluster's embedding sum.</summary>
    public static double Of(float[] phraseEmbedding, SeedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(phraseEmbedding);
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.EmbeddingSum.Length == phraseEmbedding.Length ? Math.Max(0, VectorMath.Cosine(phraseEmbedding, cluster.EmbeddingSum)) : 0;
    }
}
