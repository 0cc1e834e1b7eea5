using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Queries;

/// <summary>
/// Name and alias search. <c>prefix</c>: the store's exact-key-then-prefix lookup. <c>fuzzy</c>: scans the entities and
/// ranks names and aliases by Jaro-Winkler similarity of their normalised keys (typos, word variants).
/// </summary>
public static class EntitySearch
{
    public const double FuzzyThreshold = 0.8;

    public static async Task<IReadOnlyList<SearchHit>> PrefixAsync(IGraphReader graph, string query, int limit, CancellationToken cancellationToken)
    {
        var key = NameNormalizer.Key(query);
        return [.. (await graph.FindEntitiesAsync(query, limit, cancellationToken))
            .Select(e => e.Keys.Contains(key) ? new SearchHit(e, 1.0, e.Name) : new SearchHit(e, 0.9, BestSurface(e, key)))];
    }

    public static async Task<IReadOnlyList<SearchHit>> FuzzyAsync(IGraphReader graph, string query, int limit, CancellationToken cancellationToken)
    {
        var key = NameNormalizer.Key(query);
        var hits = new List<SearchHit>();
        await foreach (var entity in graph.ListEntitiesAsync(cancellationToken))
        {
            var best = (Score: 0.0, Surface: entity.Name);
            foreach (var surface in entity.Aliases.Prepend(entity.Name))
            {
                var candidate = NameNormalizer.Key(surface);
                var score = candidate == key ? 1.0 : candidate.StartsWith(key, StringComparison.Ordinal) ? 0.95 : TextSimilarity.JaroWinkler(key, candidate);
                if (score > best.Score)
                {
                    best = (score, surface);
                }
            }

            if (best.Score >= FuzzyThreshold)
            {
                hits.Add(new SearchHit(entity, Math.Round(best.Score, 4), best.Surface));
            }
        }

        return [.. hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.Entity.MentionCount).ThenBy(h => h.Entity.Id, StringComparer.Ordinal).Take(limit)];
    }

    private static string BestSurface(Entity entity, string key) =>
        entity.Aliases.Prepend(entity.Name).FirstOrDefault(s => NameNormalizer.Key(s).StartsWith(key, StringComparison.Ordinal)) ?? entity.Name;
}
