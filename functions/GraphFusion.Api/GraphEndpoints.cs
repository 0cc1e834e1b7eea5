using GraphFusion.Core.Export;
using GraphFusion.Core.Queries;
using GraphFusion.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace GraphFusion.Api;

/// <summary>Read endpoints over the graph: documents, references, entities, search, neighbours, paths, subgraphs, provenance.</summary>
public sealed class GraphEndpoints(IGraphStore store)
{
    public const int MaxSubgraphEntities = 2_000;

    private GraphQueries Queries => new(store);

    public async Task<IResult> ListDocumentsAsync(CancellationToken cancellationToken) =>
        Results.Ok(await store.ListDocumentsAsync(cancellationToken));

    /// <summary>Indexed references with the status and error of their latest upload.</summary>
    public async Task<IResult> ListReferencesAsync(CancellationToken cancellationToken) =>
        Results.Ok(await store.ListReferencesAsync(cancellationToken));

    public async Task<IResult> GetEntityAsync(string id, CancellationToken cancellationToken) =>
        await Queries.GetEntityAsync(id, cancellationToken) is { } details ? Results.Ok(details) : ApiResults.NotFound($"no entity {id}");

    /// <summary><c>GET /api/entities?name=...[&amp;neighbours=true]</c>.</summary>
    public async Task<IResult> FindEntitiesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Text("name") is not { } name)
        {
            return ApiResults.BadRequest("query parameter 'name' is required");
        }

        if (request.Text("neighbours") == "true")
        {
            return await Queries.FindEntityAsync(name, cancellationToken) is { } details ? Results.Ok(details) : ApiResults.NotFound($"no entity named {name}");
        }

        return Results.Ok(await Queries.SearchAsync(name, 20, cancellationToken));
    }

    /// <summary><c>GET /api/search?q=...&amp;mode=prefix|fuzzy&amp;limit=20</c>.</summary>
    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Text("q") is not { } query)
        {
            return ApiResults.BadRequest("query parameter 'q' is required");
        }

        var mode = request.Text("mode") ?? "prefix";
        if (mode is not ("prefix" or "fuzzy"))
        {
            return ApiResults.BadRequest("query parameter 'mode' must be prefix or fuzzy");
        }

        if (!request.TryInt("limit", 20, out var limit, out var error))
        {
            return error!;
        }

        return Results.Ok(new { query, mode, hits = await Queries.SearchAsync(query, mode, limit, cancellationToken) });
    }

    /// <summary><c>GET /api/entities/{id}/neighbours?direction=both|out|in&amp;offset=0&amp;limit=50</c>.</summary>
    public async Task<IResult> NeighboursAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var direction = request.Text("direction") ?? "both";
        if (direction is not ("both" or "out" or "in"))
        {
            return ApiResults.BadRequest("query parameter 'direction' must be both, out or in");
        }

        if (!request.TryInt("offset", 0, out var offset, out var error) || !request.TryInt("limit", 50, out var limit, out error))
        {
            return error!;
        }

        return await Queries.NeighboursPageAsync(id, direction, offset, limit, cancellationToken) is { } page
            ? Results.Ok(new { items = page.Items, total = page.Total, offset = page.Offset, limit = page.Limit, nextOffset = page.NextOffset })
            : ApiResults.NotFound($"no entity {id}");
    }

    /// <summary><c>GET /api/paths?from=ID&amp;to=ID&amp;maxDepth=4</c>: 404 when either end is missing or no path is that short.</summary>
    public async Task<IResult> ShortestPathAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Text("from") is not { } from || request.Text("to") is not { } to)
        {
            return ApiResults.BadRequest("query parameters 'from' and 'to' (entity ids) are required");
        }

        if (!request.TryInt("maxDepth", 4, out var maxDepth, out var error))
        {
            return error!;
        }

        if (maxDepth < 1 || maxDepth > PathFinder.MaxDepth)
        {
            return ApiResults.BadRequest($"query parameter 'maxDepth' must be between 1 and {PathFinder.MaxDepth}");
        }

        return await Queries.ShortestPathAsync(from, to, maxDepth, cancellationToken) is { } path
            ? Results.Ok(new { length = path.Length, entities = path.Entities, relations = path.Relations })
            : ApiResults.NotFound($"no path from {from} to {to} within {maxDepth} relations");
    }

    /// <summary><c>GET /api/subgraph?ids=A,B&amp;depth=1</c>: the export JSON form of the entities, their surroundings and the relations among them.</summary>
    public async Task<IResult> SubgraphAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (snapshot, error) = await SubgraphSelection.LoadAsync(store, request, cancellationToken);
        if (snapshot is null)
        {
            return error!;
        }

        using var buffer = new MemoryStream();
        JsonGraphExporter.Write(snapshot, buffer);
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    /// <summary><c>GET /api/relations/{id}/provenance[?head=ENTITY_ID]</c>.</summary>
    public async Task<IResult> ProvenanceAsync(string id, HttpRequest request, CancellationToken cancellationToken) =>
        await Queries.ProvenanceAsync(id, request.Text("head"), store, cancellationToken) is { } provenance
            ? Results.Ok(provenance)
            : ApiResults.NotFound($"no relation {id}");
}
