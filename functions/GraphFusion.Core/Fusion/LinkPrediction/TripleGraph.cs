using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>One stated fact as indices: head entity, relation type, tail entity.</summary>
internal readonly record struct Triple(int Head, int Relation, int Tail);

/// <summary>
/// The graph as the predictor sees it: entities and schema relation types by index, the stated facts (never inferred or
/// predicted ones), the pairs already linked by any fact, and the (head type, tail type) signatures each relation type was
/// stated with, which is what a proposal must respect.
/// </summary>
internal sealed class TripleGraph
{
    private readonly HashSet<(int, int)> linked = [];
    private readonly HashSet<(int Relation, int HeadType, int TailType)> signatures = [];

    private TripleGraph(IReadOnlyList<Entity> entities, RelationSchema schema)
    {
        Entities = entities;
        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        EntityTypes = entities.Select(e => typeIndex.TryGetValue(e.Type, out var t) ? t : typeIndex[e.Type] = typeIndex.Count).ToArray();
        TypeCount = typeIndex.Count;
        RelationTypes = schema.Types.Select(t => t.Name).ToArray();
        Symmetric = schema.Types.Select(t => t.Symmetric).ToArray();
        Degree = new int[entities.Count];
    }

    public IReadOnlyList<Entity> Entities { get; }

    public int[] EntityTypes { get; }

    public int TypeCount { get; }

    public IReadOnlyList<string> RelationTypes { get; }

    public bool[] Symmetric { get; }

    public IReadOnlyList<Triple> Stated { get; private set; } = [];

    /// <summary>Stated facts per entity, either end.</summary>
    public int[] Degree { get; }

    public static TripleGraph Build(IReadOnlyList<Entity> entities, IReadOnlyList<Relation> relations, RelationSchema schema)
    {
        var ordered = entities.DistinctBy(e => e.Id).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var graph = new TripleGraph(ordered, schema);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            index[ordered[i].Id] = i;
        }

        var relationIndex = graph.RelationTypes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var stated = new List<Triple>();
        foreach (var relation in relations.Where(r => !PredictedRelations.IsPrediction(r)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!index.TryGetValue(relation.HeadId, out var head) || !index.TryGetValue(relation.TailId, out var tail) || head == tail)
            {
                continue;
            }

            graph.linked.Add((head, tail));
            graph.linked.Add((tail, head));
            if (relation.Inferred || schema.Canonical(relation.Type) is not { } type)
            {
                continue;
            }

            var r = relationIndex[type];
            stated.Add(new Triple(head, r, tail));
            graph.Degree[head]++;
            graph.Degree[tail]++;
            graph.signatures.Add((r, graph.EntityTypes[head], graph.EntityTypes[tail]));
            if (graph.Symmetric[r])
            {
                graph.signatures.Add((r, graph.EntityTypes[tail], graph.EntityTypes[head]));
            }
        }

        graph.Stated = stated;
        return graph;
    }

    public bool Linked(int a, int b) => linked.Contains((a, b));

    /// <summary>Whether relation type <paramref name="relation"/> was stated between entities of these types.</summary>
    public bool Fits(int relation, int head, int tail) => head != tail && signatures.Contains((relation, EntityTypes[head], EntityTypes[tail]));

    /// <summary>Entities that may stand at one end of a relation type: their type was stated there, and they have enough facts.</summary>
    public int[][] Candidates(bool heads, Func<int, bool> eligible)
    {
        var types = new HashSet<int>[RelationTypes.Count];
        for (var r = 0; r < types.Length; r++)
        {
            types[r] = [];
        }

        foreach (var (r, headType, tailType) in signatures)
        {
            types[r].Add(heads ? headType : tailType);
        }

        return types.Select(set => Enumerable.Range(0, Entities.Count).Where(e => set.Contains(EntityTypes[e]) && eligible(e)).ToArray()).ToArray();
    }

    /// <summary>The facts to learn from: every stated fact, and the reverse of each symmetric one.</summary>
    public static List<Triple> TrainingTriples(IEnumerable<Triple> stated, bool[] symmetric) =>
        stated.SelectMany(t => symmetric[t.Relation] ? new[] { t, new Triple(t.Tail, t.Relation, t.Head) } : [t]).ToList();
}
