using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Queries;

/// <summary>A neighbour of an entity through one relation, seen from that entity.</summary>
public sealed record Neighbour(string RelationId, string Type, string Direction, string EntityId, string EntityName, double Confidence, int Evidence);

/// <summary>An entity with its neighbours, the unit of the graph API.</summary>
public sealed record EntityDetails(Entity Entity, IReadOnlyList<Neighbour> Neighbours);

/// <summary>Read queries shared by every host (HTTP functions, CLI).</summary>
public sealed class GraphQueries(IGraphReader graph)
{
    public async Task<EntityDetails?> GetEntityAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await graph.GetEntityAsync(id, cancellationToken);
        return entity is null ? null : new EntityDetails(entity, await NeighboursAsync(entity.Id, cancellationToken));
    }

    public async Task<EntityDetails?> FindEntityAsync(string name, CancellationToken cancellationToken)
    {
        var found = await graph.FindEntitiesAsync(name, 1, cancellationToken);
        return found.Count == 0 ? null : new EntityDetails(found[0], await NeighboursAsync(found[0].Id, cancellationToken));
    }

    public Task<IReadOnlyList<Entity>> SearchAsync(string name, int limit, CancellationToken cancellationToken) =>
        graph.FindEntitiesAsync(name, Math.Clamp(limit, 1, 100), cancellationToken);

    private async Task<IReadOnlyList<Neighbour>> NeighboursAsync(string id, CancellationToken cancellationToken)
    {
        var neighbours = new List<Neighbour>();
        foreach (var relation in await graph.GetRelationsFromAsync(id, cancellationToken))
        {
            neighbours.Add(await NeighbourAsync(relation, "out", relation.TailId, cancellationToken));
        }

        foreach (var relation in await graph.GetRelationsToAsync(id, cancellationToken))
        {
            neighbours.Add(await NeighbourAsync(relation, "in", relation.HeadId, cancellationToken));
        }

        return neighbours;
    }

    private async Task<Neighbour> NeighbourAsync(Relation relation, string direction, string otherId, CancellationToken cancellationToken)
    {
        var other = await graph.GetEntityAsync(otherId, cancellationToken);
        return new Neighbour(relation.Id, relation.Type, direction, otherId, other?.Name ?? otherId, relation.Confidence, relation.Evidence.Count);
    }
}
