namespace GraphFusion.Core.Alignment;

/// <summary>
/// Greedy one-to-one assignment: pairs sorted by descending score (ties by left then right index, so the
/// result is deterministic) are accepted while both ends are free. The first pair taken for an entity is
/// therefore its best remaining partner, and every pair that is mutually best is taken.
/// </summary>
public static class OneToOneAssignment
{
    /// <summary>Assigns pairs, skipping entities already matched in <paramref name="matching"/>; returns the pairs added.</summary>
    public static List<ScoredPair> Greedy(IEnumerable<ScoredPair> candidates, EntityMatching matching, float minimumScore = float.NegativeInfinity)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(matching);
        var sorted = candidates.Where(p => p.Score >= minimumScore).ToList();
        sorted.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : a.Left != b.Left ? a.Left.CompareTo(b.Left) : a.Right.CompareTo(b.Right);
        });
        var added = new List<ScoredPair>();
        foreach (var pair in sorted)
        {
            if (matching.TryAdd(pair.Left, pair.Right))
            {
                added.Add(pair);
            }
        }

        return added;
    }

    /// <summary>
    /// The pairs whose two ends prefer each other among the candidates (mutual best), with a score of at least
    /// <paramref name="minimumScore"/> and ahead of each end's runner-up by at least <paramref name="minimumMargin"/>.
    /// </summary>
    public static List<ScoredPair> MutualBest(IReadOnlyList<ScoredPair> candidates, float minimumScore, float minimumMargin = 0)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var bestOfLeft = new Dictionary<int, (ScoredPair Best, float Second)>();
        var bestOfRight = new Dictionary<int, (ScoredPair Best, float Second)>();
        foreach (var pair in candidates)
        {
            Offer(bestOfLeft, pair.Left, pair);
            Offer(bestOfRight, pair.Right, pair);
        }

        var result = new List<ScoredPair>();
        foreach (var (left, (best, second)) in bestOfLeft.OrderBy(kv => kv.Key))
        {
            if (best.Score < minimumScore || best.Score - second < minimumMargin)
            {
                continue;
            }

            var (rightBest, rightSecond) = bestOfRight[best.Right];
            if (rightBest.Left == left && best.Score - rightSecond >= minimumMargin)
            {
                result.Add(best);
            }
        }

        return result;
    }

    private static void Offer(Dictionary<int, (ScoredPair Best, float Second)> table, int key, ScoredPair pair)
    {
        if (!table.TryGetValue(key, out var current))
        {
            table[key] = (pair, 0);
        }
        else if (pair.Score > current.Best.Score)
        {
            table[key] = (pair, current.Best.Score);
        }
        else if (pair.Score > current.Second)
        {
            table[key] = (current.Best, pair.Score);
        }
    }
}
