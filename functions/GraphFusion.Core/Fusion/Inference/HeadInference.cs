using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion.Inference;

/// <summary>
/// The inferred relations leaving one entity: <see cref="TripletInference"/> over the entity's own facts and the stated
/// facts of the entities it reaches through transitive types (two levels, enough for the default two hops).
/// </summary>
public sealed class HeadInference(IGraphReader graph, InferenceOptions options)
{
    public static readonly string[] ChainTypes = [RelationSchema.HyponymOf, RelationSchema.PartOf, RelationSchema.PrerequisiteOf];

    public async Task<IReadOnlyList<Relation>> InferAsync(Entity head, IReadOnlyList<Relation> stated, CancellationToken cancellationToken)
    {
        var premises = new Dictionary<string, Relation>(StringComparer.Ordinal);
        foreach (var relation in stated)
        {
            premises[relation.Id] = relation;
        }

        var frontier = stated.Where(r => ChainTypes.Contains(r.Type)).Select(r => r.TailId).ToHashSet(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal) { head.Id };
        for (var level = 0; level < options.MaxHops && frontier.Count > 0; level++)
        {
            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in frontier.Where(visited.Add).Order(StringComparer.Ordinal))
            {
                foreach (var relation in (await graph.GetRelationsFromAsync(id, cancellationToken)).Where(r => !r.Inferred))
                {
                    premises.TryAdd(relation.Id, relation);
                    if (ChainTypes.Contains(relation.Type))
                    {
                        next.Add(relation.TailId);
                    }
                }
            }

            frontier = next;
        }

        if (premises.Count == stated.Count)
        {
            return [];
        }

        var inferred = TripletInference.Infer([head], premises.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), options)
            .Where(r => r.HeadId == head.Id)
            .ToList();
        if (inferred.Count == 0)
        {
            return [];
        }

        // Name the entities in the reasoning, as people read it.
        var named = new List<Entity> { head };
        foreach (var id in premises.Values.SelectMany(r => new[] { r.HeadId, r.TailId }).Distinct(StringComparer.Ordinal).Where(id => id != head.Id))
        {
            if (await graph.GetEntityAsync(id, cancellationToken) is { } entity)
            {
                named.Add(entity);
            }
        }

        return TripletInference.Infer(named, premises.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), options)
            .Where(r => r.HeadId == head.Id)
            .ToList();
    }
}
