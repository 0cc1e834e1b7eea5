namespace GraphFusion.Core.Seeds;

/// <summary>
/// Ranks the seed concepts of a <see cref="SeedModel"/>: user concepts first (always kept, in their
/// order), then the clusters' phrases round by round (every cluster's best phrase, larger clusters
/// first, then every cluster's second best, ...), one entry per key, its documents gathered over all
/// clusters that list it.
/// </summary>
public static class SeedRanker
{
    public static IReadOnlyList<SeedConcept> Rank(SeedModel model, IReadOnlyList<UserConcept>? userConcepts = null)
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

        var order = model.Clusters.OrderByDescending(c => c.Documents.Count).ThenBy(c => c.Id).ToArray();
        var byKey = new Dictionary<string, (double Score, SortedSet<int> Clusters, SortedSet<int> Documents)>(StringComparer.Ordinal);
        var ranked = new List<string>();
        var rounds = order.Length == 0 ? 0 : order.Max(c => c.Phrases.Count);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var cluster in order.Where(c => round < c.Phrases.Count))
            {
                var phrase = cluster.Phrases[round];
                if (!byKey.TryGetValue(phrase.Key, out var entry))
                {
                    entry = (phrase.Score, new SortedSet<int>(), new SortedSet<int>());
                    byKey[phrase.Key] = entry;
                    ranked.Add(phrase.Key);
                }

                entry.Clusters.Add(cluster.Id);
                entry.Documents.UnionWith(phrase.Documents);
            }
        }

        foreach (var key in ranked.Where(seen.Add))
        {
            var (score, clusters, documents) = byKey[key];
            result.Add(new SeedConcept(model.Surfaces.GetValueOrDefault(key, key), key, SeedSource.TopicModel, score, [.. clusters], [.. documents]));
        }

        return result;
    }
}
