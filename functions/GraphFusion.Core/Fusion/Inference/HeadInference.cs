using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion.Inference;

/// <summary>
/// The inferred relations leaving one entity: <see cref="TripletInference"/> over the entity's own facts and the stated
/// facts of the entities it reaches through transitive types (two levels, enough for the default two hops).
/// </summary>
public sealed class HeadInference(InferenceFacts facts, InferenceOptions options)
{
    public static readonly string[] ChainTypes = [RelationSchema.HyponymOf, RelationSchema.PartOf, RelationSchema.PrerequisiteOf];

    public HeadInference(IGraphReader graph, InferenceOptions options)
        : this(new InferenceFacts(graph), options)
    {
    }

    public async Task<IReadOnlyList<Relation>> InferAsync(Entity head, IReadOnlyList<Relation> stated, CancellationToken cancellationToken) =>
        (await InferAllAsync([(head, stated)], cancellationToken))[0];

    /// <summary>
    /// <see cref="InferAsync"/> for many heads at once, in the order given; the graph is read level by level for all of them
    /// together, so the number of reads does not grow with the number of heads.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<Relation>>> InferAllAsync(IReadOnlyList<(Entity Head, IReadOnlyList<Relation> Stated)> heads, CancellationToken cancellationToken)
    {
        var premises = heads.Select(h => Premises(h.Stated)).ToList();
        var frontiers = heads.Select(h => h.Stated.Where(r => ChainTypes.Contains(r.Type)).Select(r => r.TailId).ToHashSet(StringComparer.Ordinal)).ToList();
        var visited = heads.Select(h => new HashSet<string>(StringComparer.Ordinal) { h.Head.Id }).ToList();
        for (var level = 0; level < options.MaxHops; level++)
        {
            var visits = frontiers.Select((frontier, i) => frontier.Where(visited[i].Add).Order(StringComparer.Ordinal).ToList()).ToList();
            var ids = visits.SelectMany(v => v).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                break;
            }

            var statedFrom = await facts.GetStatedFromAsync(ids, cancellationToken);
            for (var i = 0; i < heads.Count; i++)
            {
                var next = new HashSet<string>(StringComparer.Ordinal);
                foreach (var relation in visits[i].SelectMany(id => statedFrom[id]))
                {
                    premises[i].TryAdd(relation.Id, relation);
                    if (ChainTypes.Contains(relation.Type))
                    {
                        next.Add(relation.TailId);
                    }
                }

                frontiers[i] = next;
            }
        }

        var ordered = premises.Select(p => (IReadOnlyList<Relation>)p.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList()).ToList();
        var toName = new List<int>();
        for (var i = 0; i < heads.Count; i++)
        {
            if (premises[i].Count != heads[i].Stated.Count
                && TripletInference.Infer([heads[i].Head], ordered[i], options).Any(r => r.HeadId == heads[i].Head.Id))
            {
                toName.Add(i);
            }
        }

        var results = heads.Select(_ => (IReadOnlyList<Relation>)[]).ToArray();
        if (toName.Count == 0)
        {
            return results;
        }

        // Name the entities in the reasoning, as people read it.
        var endpoints = toName.ToDictionary(i => i, i => Endpoints(ordered[i], heads[i].Head.Id));
        var names = await facts.GetEntitiesAsync(endpoints.Values.SelectMany(e => e).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        foreach (var i in toName)
        {
            var named = new List<Entity> { heads[i].Head };
            named.AddRange(endpoints[i].Where(names.ContainsKey).Select(id => names[id]));
            results[i] = TripletInference.Infer(named, ordered[i], options).Where(r => r.HeadId == heads[i].Head.Id).ToList();
        }

        return results;
    }

    private static Dictionary<string, Relation> Premises(IReadOnlyList<Relation> stated)
    {
        var premises = new Dictionary<string, Relation>(StringComparer.Ordinal);
        foreach (var relation in stated)
        {
            premises[relation.Id] = relation;
        }

        return premises;
    }

    private static List<string> Endpoints(IReadOnlyList<Relation> premises, string headId) =>
        premises.SelectMany(r => new[] { r.HeadId, r.TailId }).Distinct(StringComparer.Ordinal).Where(id => id != headId).ToList();
}
