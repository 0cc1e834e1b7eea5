using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Seeds;

/// <summary>
/// Ranks the seed concepts of a <see cref="SeedModel"/>: user concepts first (always kept, in their
/// order), then the clusters' phrases by c-TF-IDF weight (score times the cluster's phrase mass, times
/// the phrase's <see cref="CentroidRelevance"/> to the power <see cref="SeedModelOptions.RelevanceExponent"/>
/// when phrase embeddings are given; the best over the clusters listing the phrase), one entry per key,
/// its documents gathered over all clusters that list it.
/// </summary>
public static class SeedRanker
{
    /// <summary>Embeds the clusters' phrases and ranks with their <see cref="CentroidRelevance"/>.</summary>
    public static async Task<IReadOnlyList<SeedConcept>> RankAsync(
        SeedModel model, ITextEmbedder embedder, IReadOnlyList<UserConcept>? userConcepts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var phraseEmbeddings = model.Options.RelevanceExponent > 0
            ? await CentroidRelevance.EmbedPhrasesAsync(model, embedder, cancellationToken).ConfigureAwait(false)
            : null;
        return Rank(model, userConcepts, phraseEmbeddings);
    }

    /// <summary>Ranks by c-TF-IDF weight alone, or also by centroid relevance when <paramref name="phraseEmbeddings"/> are given.</summary>
    public static IReadOnlyList<SeedConcept> Rank(
        SeedModel model, IReadOnlyList<UserConcept>? userConcepts = null, IReadOnlyDictionary<string, float[]>? phraseEmbeddings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new List<SeedConcept>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in userConcepts ?? [])
        {
            var key = SeedKey.Of(user.Name);
            if (key.Length == 0 || !seen.Add(key))
            {
                continue;
            }

            var documents = model.Documents.Where(d => d.Phrases.ContainsKey(key)).ToArray();
            result.Add(new SeedConcept(user.Name, key, SeedSource.User, 0,
                [.. documents.Select(d => d.Cluster).Distinct().Order()], [.. documents.Select(d => d.Index)], user.Description));
        }

        // A cluster's c-TF-IDF scores are shares of its own phrase mass; scaled back by that mass, phrases
        // of large clusters and of small ones compare on one scale.
        var byKey = new Dictionary<string, (double Score, SortedSet<int> Clusters, SortedSet<int> Documents)>(StringComparer.Ordinal);
        foreach (var cluster in model.Clusters)
        {
            foreach (var phrase in cluster.Phrases)
            {
                var weight = phrase.Score * cluster.PhraseTotal;
                if (phraseEmbeddings is not null && model.Options.RelevanceExponent > 0)
                {
                    weight *= phraseEmbeddings.TryGetValue(phrase.Key, out var vector)
                        ? Math.Pow(CentroidRelevance.Of(vector, cluster), model.Options.RelevanceExponent)
                        : 0;
                }

                if (weight <= 0)
                {
                    continue;
                }

                if (!byKey.TryGetValue(phrase.Key, out var entry))
                {
                    entry = (weight, new SortedSet<int>(), new SortedSet<int>());
                }

                entry.Clusters.Add(cluster.Id);
                entry.Documents.UnionWith(phrase.Documents);
                byKey[phrase.Key] = (Math.Max(entry.Score, weight), entry.Clusters, entry.Documents);
            }
        }

        foreach (var (key, (score, clusters, documents)) in byKey
            .OrderByDescending(p => p.Value.Score)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Where(p => seen.Add(p.Key)))
        {
            result.Add(new SeedConcept(model.Surfaces.GetValueOrDefault(key, key), key, SeedSource.TopicModel, score, [.. clusters], [.. documents]));
        }

        return result;
    }
}
