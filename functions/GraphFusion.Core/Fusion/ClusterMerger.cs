using System.Globalization;
using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion;

/// <summary>
/// Merges key clusters that name the same concept under different keys ("pre-training" and "pretraining", an acronym and
/// an expansion never defined together). Only clusters that share a blocking key are compared, component by component,
/// so the result depends on the claims alone and never on which keys happened to be loaded.
/// </summary>
public sealed class ClusterMerger(EntityMatcher matcher)
{
    public IReadOnlyList<IReadOnlyList<string>> Merge(IReadOnlyList<IReadOnlyList<string>> clusters, IReadOnlyList<KeyClaims> claims)
    {
        var clusterOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
        {
            foreach (var key in clusters[i])
            {
                clusterOfKey[key] = i;
            }
        }

        var components = Components(clusters.Count, claims, clusterOfKey);
        var byKey = claims.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var merged = new List<IReadOnlyList<string>>();
        foreach (var component in components)
        {
            if (component.Count == 1)
            {
                merged.Add(clusters[component[0]]);
                continue;
            }

            var candidates = component.Select(i => Candidate(i, clusters[i], byKey)).ToList();
            foreach (var match in matcher.Match(candidates).Clusters)
            {
                merged.Add(match.Ids.SelectMany(id => clusters[int.Parse(id, CultureInfo.InvariantCulture)]).Order(StringComparer.Ordinal).ToList());
            }
        }

        return merged.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    private static List<List<int>> Components(int count, IReadOnlyList<KeyClaims> claims, Dictionary<string, int> clusterOfKey)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        foreach (var block in claims.Where(c => BlockKeys.IsBlockKey(c.Key)).GroupBy(c => c.Key, StringComparer.Ordinal))
        {
            var members = block.SelectMany(c => c.AliasKeys).Where(clusterOfKey.ContainsKey).Select(k => clusterOfKey[k]).Distinct().ToList();
            for (var i = 1; i < members.Count; i++)
            {
                parent[Find(members[i])] = Find(members[0]);
            }
        }

        return Enumerable.Range(0, count).GroupBy(Find).Select(g => g.ToList()).ToList();
    }

    private static MatchCandidate Candidate(int index, IReadOnlyList<string> cluster, Dictionary<string, List<KeyClaims>> byKey)
    {
        var owned = cluster.SelectMany(k => byKey.GetValueOrDefault(k) ?? []).ToList();
        var mentions = owned.SelectMany(c => c.Mentions).ToList();
        var surfaces = mentions
            .GroupBy(m => m.Surface, StringComparer.Ordinal)
            .Select(g => (Surface: g.Key, Count: g.Count()))
            .OrderByDescending(s => s.Count)
            .ThenBy(s => s.Surface, StringComparer.Ordinal)
            .ToList();
        return new MatchCandidate(index.ToString(CultureInfo.InvariantCulture), surfaces.Count > 0 ? surfaces[0].Surface : cluster[0])
        {
            Aliases = surfaces.Skip(1).Take(8).Select(s => s.Surface).ToList(),
            Count = Math.Max(1, mentions.Count),
            Type = mentions.GroupBy(m => m.Type, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault(),
            Neighbours = owned.SelectMany(c => c.Relations).SelectMany(r => new[] { r.HeadKey, r.TailKey }).Except(cluster).ToHashSet(StringComparer.Ordinal),
        };
    }
}
