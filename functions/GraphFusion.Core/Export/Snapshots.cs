using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Export;

/// <summary>The order and filtering every exporter applies: entities once each by id, relations whose ends are both present.</summary>
internal static class Snapshots
{
    public static IEnumerable<Entity> Entities(GraphSnapshot graph) =>
        graph.Entities.DistinctBy(e => e.Id, StringComparer.Ordinal).OrderBy(e => e.Id, StringComparer.Ordinal);

    public static IEnumerable<Relation> Relations(GraphSnapshot graph)
    {
        var ids = graph.Entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return graph.Relations
            .Where(r => ids.Contains(r.HeadId) && ids.Contains(r.TailId))
            .DistinctBy(r => r.Id, StringComparer.Ordinal)
            .OrderBy(r => r.Id, StringComparer.Ordinal);
    }
}
