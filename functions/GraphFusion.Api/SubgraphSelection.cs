using GraphFusion.Core.Export;
using GraphFusion.Core.Queries;
using GraphFusion.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace GraphFusion.Api;

/// <summary>Reads <c>ids</c> and <c>depth</c> and loads that subgraph; without <c>ids</c> (when allowed) the whole graph.</summary>
internal static class SubgraphSelection
{
    public static async Task<(GraphSnapshot? Snapshot, IResult? Error)> LoadAsync(IGraphStore store, HttpRequest request, CancellationToken cancellationToken, bool wholeGraphWithoutIds = false)
    {
        var ids = request.List("ids");
        if (ids.Count == 0)
        {
            return wholeGraphWithoutIds
                ? (await GraphSnapshot.LoadAsync(store, cancellationToken), null)
                : (null, ApiResults.BadRequest("query parameter 'ids' (comma-separated entity ids) is required"));
        }

        if (!request.TryInt("depth", 1, out var depth, out var error))
        {
            return (null, error);
        }

        if (depth is < 0 or > 3)
        {
            return (null, ApiResults.BadRequest("query parameter 'depth' must be between 0 and 3"));
        }

        var snapshot = await new GraphQueries(store).SubgraphAsync(ids, depth, GraphEndpoints.MaxSubgraphEntities, store, cancellationToken);
        return snapshot.Entities.Count == 0 ? (null, ApiResults.NotFound($"none of the entities {string.Join(", ", ids)} exists")) : (snapshot, null);
    }
}
