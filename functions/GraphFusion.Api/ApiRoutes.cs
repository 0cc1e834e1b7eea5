namespace GraphFusion.Api;

/// <summary>Routes below <c>/api</c>, the same in the Functions app and in <c>graphfusion serve</c>.</summary>
public static class ApiRoutes
{
    public const string Documents = "documents";
    public const string References = "references";
    public const string Entities = "entities";
    public const string Entity = "entities/{id}";
    public const string Neighbours = "entities/{id}/neighbours";
    public const string Search = "search";
    public const string Paths = "paths";
    public const string Subgraph = "subgraph";
    public const string Provenance = "relations/{id}/provenance";
    public const string Export = "export";
    public const string Webhooks = "webhooks";
    public const string Webhook = "webhooks/{id}";
    public const string WebhookDeliveries = "webhooks/{id}/deliveries";
}
