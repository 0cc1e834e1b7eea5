using Azure.Identity;
using GraphFusion.Core.Storage;
using GraphFusion.Workflows.Merging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Functions.Merging;

/// <summary>
/// Wires the merge activities: the typed worker client (URL from <c>GpuWorker__Url</c>) with the standard resilience
/// handler. The <see cref="IModelFileStore"/> the outputs go to must be registered by the caller.
/// </summary>
public static class MergeClientRegistration
{
    public static IServiceCollection AddGpuWorkerMerging(this IServiceCollection services, IConfiguration configuration)
    {
        var url = Setting(configuration, AppSettingNames.GpuWorkerUrl);
        var apiKey = Setting(configuration, LocalSettingNames.GpuWorkerApiKey);
        var audience = Setting(configuration, AppSettingNames.GpuWorkerAudience);
        services.AddSingleton(new GpuWorkerCredentials(apiKey, apiKey is null && audience is not null ? new DefaultAzureCredential() : null, audience));
        services.AddTransient<GpuWorkerCredentialHandler>();
        services.AddHttpClient<IMergeJobClient, GpuWorkerMergeClient>(http =>
            {
                http.BaseAddress = url is null
                    ? null
                    : new Uri(url.EndsWith('/') ? url : url + "/");
            })
            .AddHttpMessageHandler<GpuWorkerCredentialHandler>()
            .AddStandardResilienceHandler();
        services.AddSingleton(sp => new MergeActivities(
            sp.GetRequiredService<IMergeJobClient>(), sp.GetRequiredService<IGraphStore>(), sp.GetRequiredService<IModelFileStore>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    // App settings arrive as environment variables with "__"; configuration exposes them with ":".
    private static string? Setting(IConfiguration configuration, string name) =>
        configuration[name.Replace("__", ":", StringComparison.Ordinal)] is { Length: > 0 } value ? value : null;
}
