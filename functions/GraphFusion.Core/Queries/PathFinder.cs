using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Queries;

/// <summary>Breadth-first search over relations in either direction, bounded in depth and in entities visited.</summary>
public static class PathFinder
{
    public const int MaxDepth = 6;
    public const int MaxVisited = 20_000;

    public static async Task<GraphPath?> ShortestAsync(IGraphReader graph, string fromId, string toId, int maxDepth, CancellationToken cancellationToken)
    {
        var start = await graph.GetEntityAsync(fromId, cancellationToken);
        var end = await graph.GetEntityAsync(toId, cancellationToken);
        if (start is null || end is null)
        {
            return null;
        }

        var cameFrom = new Dictionary<string, (string Previous, Relation Via)?>(StringComparer.Ordinal) { [fromId] = null };
        var frontier = new List<string> { fromId };
        for (var depth = 0; depth < Math.Clamp(maxDepth, 0, MaxDepth) && !cameFrom.ContainsKey(toId) && frontier.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var (relation, other) in await EdgesAsync(graph, id, cancellationToken))
                {
                    if (cameFrom.Count < MaxVisited && cameFrom.TryAdd(other, (id, relation)))
                    {
                        next.Add(other);
                    }
                }
            }

            frontier = next;
        }

        return cameFrom.ContainsKey(toId) ? await BuildAsync(graph, cameFrom, start, toId, cancellationToken) : null;
    }

    internal static async Task<IEnumerable<(Relation Relation, string Other)>> EdgesAsync(IGraphReader graph, string id, CancellationToken cancellationToken) =>
        (await graph.GetRelationsFromAsync(id, cancellationToken)).Select(r => (r, r.TailId))
            .Concat((await graph.GetRelationsToAsync(id, cancellationToken)).Select(r => (r, r.HeadId)))
            .OrderBy(e => e.Item1.Id, StringComparer.Ordinal);

    private static async Task<GraphPath> BuildAsync(
        IGraphReader graph, Dictionary<string, (string Previous, Relation Via)?> cameFrom, Entity start, string toId, CancellationToken cancellationToken)
    {
        var entities = new List<Entity>();
        var relations = new List<Relation>();
        for (var id = toId; cameFrom[id] is { } step; id = step.Previous)
        {
            entities.Add(await graph.GetEntityAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Entity {id} vanished."));
            relations.Add(step.Via);
        }

        entities.Add(start);
        entities.Reverse();
        relations.Reverse();
        return new GraphPath(entities, relations);
    }
}
