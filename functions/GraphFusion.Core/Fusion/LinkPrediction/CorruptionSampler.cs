namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>
/// Type-consistent corruptions: a fact with its head or its tail replaced by another entity of a type that stands there for
/// that relation type, keeping the (head type, tail type) signature one the graph states, and never an already linked pair.
/// </summary>
internal sealed class CorruptionSampler(TripleGraph graph, int[][] heads, int[][] tails)
{
    private const int Attempts = 8;

    public static CorruptionSampler Over(TripleGraph graph, Func<int, bool> eligible) =>
        new(graph, graph.Candidates(heads: true, eligible), graph.Candidates(heads: false, eligible));

    public Triple? Corrupt(Triple fact, Random random)
    {
        var corruptTail = random.Next(2) == 0;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var pool = corruptTail ? tails[fact.Relation] : heads[fact.Relation];
            if (pool.Length == 0)
            {
                return null;
            }

            var other = pool[random.Next(pool.Length)];
            var candidate = corruptTail ? fact with { Tail = other } : fact with { Head = other };
            if (graph.Fits(candidate.Relation, candidate.Head, candidate.Tail) && !graph.Linked(candidate.Head, candidate.Tail))
            {
                return candidate;
            }
        }

        return null;
    }
}
