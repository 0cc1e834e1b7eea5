using GraphFusion.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Http;

/// <summary>Graph queries and exports: bindings only; the handlers are shared with <c>graphfusion serve</c>.</summary>
public sealed class GraphQueryApi(GraphEndpoints graph, ExportEndpoints exports)
{
    [Function("SearchGraph")]
    public Task<IActionResult> Search([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Search)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(graph.SearchAsync(request, cancellationToken));

    [Function("GetNeighbours")]
    public Task<IActionResult> Neighbours([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Neighbours)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(graph.NeighboursAsync(id, request, cancellationToken));

    [Function("GetShortestPath")]
    public Task<IActionResult> ShortestPath([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Paths)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(graph.ShortestPathAsync(request, cancellationToken));

    [Function("GetSubgraph")]
    public Task<IActionResult> Subgraph([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Subgraph)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(graph.SubgraphAsync(request, cancellationToken));

    [Function("GetProvenance")]
    public Task<IActionResult> Provenance([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Provenance)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(graph.ProvenanceAsync(id, request, cancellationToken));

    [Function("ExportGraph")]
    public Task<IActionResult> Export([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Export)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(exports.ExportAsync(request, cancellationToken));
}
