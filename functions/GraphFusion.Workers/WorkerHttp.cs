using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Workers;

/// <summary>What every typed client of the worker shares: the base address form, pooled connections and the API key.</summary>
internal static class WorkerHttp
{
    public static Uri BaseAddress(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    public static void Configure(IHttpClientBuilder builder, string? apiKey)
    {
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        if (!string.IsNullOrEmpty(apiKey))
        {
            builder.AddHttpMessageHandler(() => new ApiKeyHandler(apiKey));
        }
    }
}
