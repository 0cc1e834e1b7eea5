using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GraphFusion.Api;

/// <summary>Maps the API onto an ASP.NET Core app (used by <c>graphfusion serve</c>); the Functions app maps the same handlers with triggers.</summary>
public static class ApiEndpointMapping
{
    public static RouteGroupBuilder MapGraphFusionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet(ApiRoutes.Documents, (GraphEndpoints h, CancellationToken ct) => h.ListDocumentsAsync(ct));
        api.MapGet(ApiRoutes.References, (GraphEndpoints h, CancellationToken ct) => h.ListReferencesAsync(ct));
        api.MapGet(ApiRoutes.Entities, (GraphEndpoints h, HttpRequest r, CancellationToken ct) => h.FindEntitiesAsync(r, ct));
        api.MapGet(ApiRoutes.Entity, (string id, GraphEndpoints h, CancellationToken ct) => h.GetEntityAsync(id, ct));
        api.MapGet(ApiRoutes.Neighbours, (string id, GraphEndpoints h, HttpRequest r, CancellationToken ct) => h.NeighboursAsync(id, r, ct));
        api.MapGet(ApiRoutes.Search, (GraphEndpoints h, HttpRequest r, CancellationToken ct) => h.SearchAsync(r, ct));
        api.MapGet(ApiRoutes.Paths, (GraphEndpoints h, HttpRequest r, CancellationToken ct) => h.ShortestPathAsync(r, ct));
        api.MapGet(ApiRoutes.Subgraph, (GraphEndpoints h, HttpRequest r, CancellationToken ct) => h.SubgraphAsync(r, ct));
        api.MapGet(ApiRoutes.Provenance, (string id, GraphEndpoints h, HttpRequest r, CancellationToken ct) => h.ProvenanceAsync(id, r, ct));
        api.MapGet(ApiRoutes.Export, (ExportEndpoints h, HttpRequest r, CancellationToken ct) => h.ExportAsync(r, ct));
        api.MapPost(ApiRoutes.Webhooks, (WebhookEndpoints h, HttpRequest r, CancellationToken ct) => h.CreateAsync(r, ct));
        api.MapGet(ApiRoutes.Webhooks, (WebhookEndpoints h, CancellationToken ct) => h.ListAsync(ct));
        api.MapDelete(ApiRoutes.Webhook, (string id, WebhookEndpoints h, CancellationToken ct) => h.DeleteAsync(id, ct));
        api.MapGet(ApiRoutes.WebhookDeliveries, (string id, WebhookEndpoints h, CancellationToken ct) => h.DeliveriesAsync(id, ct));
        return api;
    }
}
