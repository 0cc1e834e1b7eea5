using GraphFusion.Core.Alignment;

namespace GraphFusion.Core.Tests.Alignment;

/// <summary>Small graphs for tests: entities by name (id = position), triples by entity position.</summary>
internal static class GraphBuilder
{
    public static KnowledgeGraph Build(string[] names, params (int Head, int Relation, int Tail)[] triples) =>
        new(
            [.. Enumerable.Range(0, names.Length)],
            [.. names.Select(n => "http://example.org/resource/" + n.Replace(' ', '_'))],
            triples.Select(t => new Triple(t.Head, t.Relation, t.Tail)));

    public static Dictionary<int, int> Pairs(IEnumerable<ScoredPair> pairs, KnowledgeGraph left, KnowledgeGraph right) =>
        pairs.ToDictionary(p => left.Ids[p.Left], p => right.Ids[p.Right]);

    /// <summary>A seeded random graph and a copy with its ids shuffled and a share of its triples dropped.</summary>
    public static AlignmentDataset RandomPair(int entities, int triples, double dropShare, int seed)
    {
        var random = new Random(seed);
        var edges = new HashSet<(int, int, int)>();
        while (edges.Count < triples)
        {
            // Preferential-ish attachment: low ids are hubs, as in real graphs.
            var h = (int)(entities * Math.Pow(random.NextDouble(), 2));
            var t = random.Next(entities);
            if (h != t)
            {
                edges.Add((h, random.Next(8), t));
            }
        }

        var permutation = Enumerable.Range(0, entities).ToArray();
        random.Shuffle(permutation);
        var rightIds = permutation.Select(p => p + 100_000).ToArray();
        var ids = Enumerable.Range(0, entities).ToArray();
        var left = new KnowledgeGraph(ids, [.. ids.Select(i => $"l{i}")], edges.Select(e => new Triple(e.Item1, e.Item2, e.Item3)));
        var right = new KnowledgeGraph(
            rightIds,
            [.. ids.Select(i => $"r{i}")],
            edges.Where(_ => random.NextDouble() >= dropShare).Select(e => new Triple(rightIds[e.Item1], e.Item2 + 50, rightIds[e.Item3])));
        var links = ids.Select(i => new EntityLink(i, rightIds[i])).ToArray();
        random.Shuffle(links);
        return RandomNames.Apply(new AlignmentDataset(left, right, links, null), seed);
    }
}
