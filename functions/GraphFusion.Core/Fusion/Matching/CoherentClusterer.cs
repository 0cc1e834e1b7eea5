namespace GraphFusion.Core.Fusion.Matching;

public sealed record ClusteringOptions
{
    /// <summary>Least score of a candidate pair, and least average score between two clusters, for them to merge.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Least score of every cross pair of two clusters for them to merge (complete linkage).</summary>
    public double MinLinkage { get; init; } = 0.5;
}

/// <summary>
/// Agglomerative clustering over the blocked pairs, strongest first. Two clusters merge only when the merged cluster stays
/// coherent: the average score over all their cross pairs reaches the threshold and no cross pair falls below the minimum
/// linkage. A chain a~b~c therefore never pulls a and c together when they clearly differ, as single-link clustering would.
/// </summary>
public static class CoherentClusterer
{
    public static IReadOnlyList<IReadOnlyList<int>> Cluster(int count, IEnumerable<(int A, int B)> pairs, Func<int, int, double> score, ClusteringOptions options)
    {
        var cache = new Dictionary<(int, int), double>();
        double Score(int a, int b)
        {
            var key = a < b ? (a, b) : (b, a);
            if (!cache.TryGetValue(key, out var value))
            {
                cache[key] = value = score(key.Item1, key.Item2);
            }

            return value;
        }

        var edges = pairs
            .Select(p => (p.A, p.B, Score: Score(p.A, p.B)))
            .Where(e => e.Score >= options.Threshold)
            .OrderByDescending(e => e.Score)
            .ThenBy(e => Math.Min(e.A, e.B))
            .ThenBy(e => Math.Max(e.A, e.B))
            .ToList();

        var owner = Enumerable.Range(0, count).ToArray();
        var members = Enumerable.Range(0, count).Select(i => new List<int> { i }).ToArray();
        foreach (var (a, b, _) in edges)
        {
            var (ra, rb) = (owner[a], owner[b]);
            if (ra == rb || !Coherent(members[ra], members[rb], Score, options))
            {
                continue;
            }

            var (keep, drop) = ra < rb ? (ra, rb) : (rb, ra);
            foreach (var m in members[drop])
            {
                owner[m] = keep;
            }

            members[keep].AddRange(members[drop]);
            members[drop] = [];
        }

        return members.Where(m => m.Count > 0).Select(m => (IReadOnlyList<int>)m.Order().ToList()).ToList();
    }

    private static bool Coherent(List<int> left, List<int> right, Func<int, int, double> score, ClusteringOptions options)
    {
        double sum = 0;
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                var s = score(a, b);
                if (s < options.MinLinkage)
                {
                    return false;
                }

                sum += s;
            }
        }

        return sum / (left.Count * right.Count) >= options.Threshold;
    }
}
