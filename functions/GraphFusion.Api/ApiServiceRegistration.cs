using System.Globalization;
using GraphFusion.Core.Events;
using GraphFusion.Core.Storage;
using GraphFusion.Core.Webhooks;
using GraphFusion.Events;
using GraphFusion.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GraphFusion.Api;

/// <summary>
/// Registers the API handlers and the event side: the Event Grid publisher (<c>Events:EventGridTopicEndpoint</c>),
/// webhook subscriptions in the graph store's state, the webhook sender and URL policy
/// (<c>Webhooks:AllowPrivateNetworks</c>, development only) and the retry schedule (<c>Webhooks:MaxAttempts</c>,
/// <c>Webhooks:InitialDelaySeconds</c>, <c>Webhooks:MaxDelaySeconds</c>). The host registers <see cref="IGraphStore"/>.
/// </summary>
public static class ApiServiceRegistration
{
    public const string EventGridTopicEndpoint = "Events:EventGridTopicEndpoint";
    public const string AllowPrivateNetworks = "Webhooks:AllowPrivateNetworks";
    public const string MaxAttempts = "Webhooks:MaxAttempts";
    public const string InitialDelaySeconds = "Webhooks:InitialDelaySeconds";
    public const string MaxDelaySeconds = "Webhooks:MaxDelaySeconds";

    public static IServiceCollection AddGraphFusionApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEventPublisher>(_ => EventGridEventPublisher.Create(configuration[EventGridTopicEndpoint]));
        services.TryAddSingleton<IWebhookStore>(sp => new StateWebhookStore(sp.GetRequiredService<IGraphStore>()));
        services.TryAddSingleton(_ => new WebhookUrlPolicy(bool.TryParse(configuration[AllowPrivateNetworks], out var allow) && allow));
        services.TryAddSingleton(_ => RetryPolicy(configuration));
        services.TryAddSingleton<IWebhookSender>(sp => new HttpWebhookSender(new HttpClient(HttpWebhookSender.CreateHandler(sp.GetRequiredService<WebhookUrlPolicy>()))));
        services.TryAddSingleton(sp => new EventActivities(
            sp.GetRequiredService<IEventPublisher>(), sp.GetRequiredService<IWebhookStore>(), sp.GetRequiredService<IWebhookSender>(),
            sp.GetRequiredService<WebhookUrlPolicy>(), sp.GetRequiredService<WebhookRetryPolicy>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<GraphEndpoints>();
        services.TryAddSingleton<ExportEndpoints>();
        services.TryAddSingleton<WebhookEndpoints>();
        return services;
    }

    private static WebhookRetryPolicy RetryPolicy(IConfiguration configuration)
    {
        var defaults = WebhookRetryPolicy.Default;
        return new WebhookRetryPolicy(
            Number(configuration[MaxAttempts], defaults.MaxAttempts) is var attempts and >= 1 ? (int)attempts : defaults.MaxAttempts,
            Number(configuration[InitialDelaySeconds], defaults.InitialDelaySeconds),
            Number(configuration[MaxDelaySeconds], defaults.MaxDelaySeconds));
    }

    private static double Number(string? text, double fallback) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
