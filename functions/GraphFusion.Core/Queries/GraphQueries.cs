using GraphFusion.Core.Export;
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

    /// <summary><paramref name="mode"/> is <c>prefix</c> (exact key, then prefix) or <c>fuzzy</c>.</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, string mode, int limit, CancellationToken cancellationToken) =>
        mode.Equals("fuzzy", StringComparison.OrdinalIgnoreCase)
            ? EntitySearch.FuzzyAsync(graph, query, Math.Clamp(limit, 1, 100), cancellationToken)
            : EntitySearch.PrefixAsync(graph, query, Math.Clamp(limit, 1, 100), cancellationToken);

    /// <summary>A page of an entity's neighbours (<paramref name="direction"/>: <c>out</c>, <c>in</c> or <c>both</c>), ordered by relation confidence; null if there is no such entity.</summary>
    public async Task<Page<Neighbour>?> NeighboursPageAsync(string id, string direction, int offset, int limit, CancellationToken cancellationToken)
    {
        if (await graph.GetEntityAsync(id, cancellationToken) is null)
        {
            return null;
        }

        var all = (await NeighboursAsync(id, cancellationToken))
            .Where(n => direction is "both" || n.Direction == direction)
            .OrderByDescending(n => n.Confidence).ThenBy(n => n.RelationId, StringComparer.Ordinal).ThenBy(n => n.Direction, StringComparer.Ordinal)
            .ToList();
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, 500);
        return new Page<Neighbour>([.. all.Skip(offset).Take(limit)], all.Count, offset, limit);
    }

    public Task<GraphPath?> ShortestPathAsync(string fromId, string toId, int maxDepth, CancellationToken cancellationToken) =>
        PathFinder.ShortestAsync(graph, fromId, toId, maxDepth, cancellationToken);

    /// <summary>The given entities, everything within <paramref name="depth"/> relations of them (at most <paramref name="maxEntities"/>), and the relations among those.</summary>
    public async Task<GraphSnapshot> SubgraphAsync(IReadOnlyCollection<string> ids, int depth, int maxEntities, IDocumentRegistry documents, CancellationToken cancellationToken)
    {
        var entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await graph.GetEntityAsync(id, cancellationToken) is { } entity)
            {
                entities[id] = entity;
            }
        }

        var frontier = entities.Keys.ToList();
        for (var level = 0; level < Math.Clamp(depth, 0, 3) && frontier.Count > 0; level++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var (_, other) in await PathFinder.EdgesAsync(graph, id, cancellationToken))
                {
                    if (entities.Count < maxEntities && !entities.ContainsKey(other) && await graph.GetEntityAsync(other, cancellationToken) is { } entity)
                    {
                        entities[other] = entity;
                        next.Add(other);
                    }
                }
            }

            frontier = next;
        }

        var relations = new List<Relation>();
        foreach (var id in entities.Keys)
        {
            relations.AddRange((await graph.GetRelationsFromAsync(id, cancellationToken)).Where(r => entities.ContainsKey(r.TailId)));
        }

        var names = (await documents.ListDocumentsAsync(cancellationToken)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return new GraphSnapshot([.. entities.Values], relations, names);
    }

    /// <summary>A relation's ends and evidence. <paramref name="headId"/>, when known, avoids scanning every relation.</summary>
    public async Task<RelationProvenance?> ProvenanceAsync(string relationId, string? headId, IDocumentRegistry documents, CancellationToken cancellationToken)
    {
        var relation = headId is { Length: > 0 }
            ? (await graph.GetRelationsFromAsync(headId, cancellationToken)).FirstOrDefault(r => r.Id == relationId)
            : await FindRelationAsync(relationId, cancellationToken);
        if (relation is null)
        {
            return null;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var documentId in relation.Evidence.Select(e => e.DocumentId).Distinct())
        {
            names[documentId] = (await documents.GetDocumentAsync(documentId, cancellationToken))?.Name ?? documentId;
        }

        return new RelationProvenance(
            relation,
            await graph.GetEntityAsync(relation.HeadId, cancellationToken),
            await graph.GetEntityAsync(relation.TailId, cancellationToken),
            [.. relation.Evidence.Select(e => new ProvenanceItem(e.DocumentId, names[e.DocumentId], e.ChunkId, e.Start, e.End, e.Snippet, e.ClaimedType, e.Confidence, e.Extractor))]);
    }

    private async Task<Relation?> FindRelationAsync(string relationId, CancellationToken cancellationToken)
    {
        await foreach (var relation in graph.ListRelationsAsync(cancellationToken))
        {
            if (relation.Id == relationId)
            {
                return relation;
            }
        }

        return null;
    }

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
