namespace GraphFusion.Core.Alignment;

/// <summary>
/// How strongly a neighbour identifies an entity through a relation (PARIS-style functionality).
/// For a head h with edge h -r-> t, the tail identifies the head as much as r is inverse functional
/// (distinct tails / triples); for the tail t, the head identifies it as much as r is functional
/// (distinct heads / triples). A relation such as "country" that thousands of heads share with one
/// tail therefore says little about the head.
/// </summary>
public sealed class RelationStatistics
{
    private readonly Dictionary<int, double> _weight;

    private RelationStatistics(Dictionary<int, double> weight) => _weight = weight;

    /// <summary>Computes the statistics of a list of (head, relation, tail) triples over dense indices.</summary>
    public static RelationStatistics From(IReadOnlyCollection<(int Head, int Relation, int Tail)> triples)
    {
        ArgumentNullException.ThrowIfNull(triples);
        var heads = new Dictionary<int, HashSet<int>>();
        var tails = new Dictionary<int, HashSet<int>>();
        var counts = new Dictionary<int, int>();
        foreach (var (h, r, t) in triples)
        {
            Set(heads, r).Add(h);
            Set(tails, r).Add(t);
            counts[r] = counts.GetValueOrDefault(r) + 1;
        }

        var weight = new Dictionary<int, double>(counts.Count * 2);
        foreach (var (r, n) in counts)
        {
            // Seen from the head (directed r*2), the other end is the tail: it names one head when tails are distinct.
            weight[r * 2] = (double)tails[r].Count / n;

            // Seen from the tail (directed r*2+1), the other end is the head: it names one tail when heads are distinct.
            weight[(r * 2) + 1] = (double)heads[r].Count / n;
        }

        return new RelationStatistics(weight);
    }

    /// <summary>The weight of a neighbour reached through a directed relation (see <see cref="KnowledgeGraph.Edges"/>).</summary>
    public double Weight(int directedRelation) => _weight.GetValueOrDefault(directedRelation, 1.0);

    private static HashSet<int> Set(Dictionary<int, HashSet<int>> sets, int key)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            set = [];
            sets[key] = set;
        }

        return set;
    }
}
