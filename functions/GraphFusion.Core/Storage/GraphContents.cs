using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Storage;

/// <summary>Reads every entity and relation of a graph into memory.</summary>
public static class GraphContents
{
    public static async Task<(List<Entity> Entities, List<Relation> Relations)> ReadAllAsync(this IGraphReader graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var entities = new List<Entity>();
        await foreach (var entity in graph.ListEntitiesAsync(cancellationToken))
        {
            entities.Add(entity);
        }

        var relations = new List<Relation>();
        await foreach (var relation in graph.ListRelationsAsync(cancellationToken))
        {
            relations.Add(relation);
        }

        return (entities, relations);
    }
}
