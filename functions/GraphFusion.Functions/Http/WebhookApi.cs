using GraphFusion.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Http;

/// <summary>Webhook subscriptions: bindings only; the handlers are shared with <c>graphfusion serve</c>.</summary>
public sealed class WebhookApi(WebhookEndpoints webhooks)
{
    [Function("CreateWebhook")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Webhooks)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(webhooks.CreateAsync(request, cancellationToken));

    [Function("ListWebhooks")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Webhooks)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(webhooks.ListAsync(cancellationToken));

    [Function("DeleteWebhook")]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.Webhook)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(webhooks.DeleteAsync(id, cancellationToken));

    [Function("ListWebhookDeliveries")]
    public Task<IActionResult> Deliveries([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.WebhookDeliveries)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(webhooks.DeliveriesAsync(id, cancellationToken));
}
