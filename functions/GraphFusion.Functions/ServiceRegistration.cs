using Azure.Identity;
using Azure.Storage.Blobs;
using GraphFusion.Api;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Functions.Merging;
using GraphFusion.Llm;
using GraphFusion.Storage.Blobs;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workers;
using GraphFusion.Workers.Extraction;
using GraphFusion.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Functions;

/// <summary>Wires the pipeline from app settings: the graph store, the blob document source, the extractor.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddGraphFusion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IGraphStore>(_ => CreateStore(configuration));
        services.AddSingleton(_ => CreateBlobService(configuration));
        services.AddSingleton<IDocumentSource>(sp => new BlobDocumentSource(sp.GetRequiredService<BlobServiceClient>(), DocumentLimits.Default));
        services.AddSingleton<IModelFileStore>(sp => new BlobModelFileStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobModelFileStore.ContainerName)));
        var workerUrl = Setting(configuration, AppSettingNames.GpuWorkerUrl) is { } url ? new Uri(url) : null;
        if (workerUrl is not null)
        {
            // Credentials (Entra token or GpuWorker__ApiKey) as for the merge client.
            services.AddGpuWorkerExtraction(workerUrl, apiKey: null).AddHttpMessageHandler<GpuWorkerCredentialHandler>();
        }

        services.AddSingleton(sp => ExtractorSelection.Create(configuration, () => workerUrl is null ? new StatisticalExtractor() : sp.GetRequiredService<WorkerTripletExtractor>()));
        services.AddSingleton(sp => PipelineFactory.CreateActivities(
            sp.GetRequiredService<IGraphStore>(), sp.GetRequiredService<IDocumentSource>(), sp.GetRequiredService<ITripletExtractor>(), sp.GetRequiredService<TimeProvider>()));
        services.AddGpuWorkerMerging(configuration);
        services.AddGraphFusionApi(configuration);
        return services;
    }

    private static IGraphStore CreateStore(IConfiguration configuration)
    {
        var provider = Setting(configuration, AppSettingNames.GraphStoreProvider) ?? "cosmos";
        if (provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteGraphStore(Setting(configuration, LocalSettingNames.SqlitePath) ?? "graphfusion.db");
        }

        var endpoint = Setting(configuration, AppSettingNames.CosmosEndpoint)
            ?? throw new InvalidOperationException($"App setting {AppSettingNames.CosmosEndpoint} is required when {AppSettingNames.GraphStoreProvider} is cosmos.");
        var key = Setting(configuration, LocalSettingNames.CosmosKey);
        var options = new CosmosGraphStoreOptions
        {
            Endpoint = new Uri(endpoint),
            Database = Setting(configuration, AppSettingNames.CosmosDatabase) ?? "graphfusion",
            AllowBulk = bool.TryParse(Setting(configuration, AppSettingNames.CosmosAllowBulk), out var bulk) && bulk,
            Key = key,
            Credential = key is null ? new DefaultAzureCredential() : null,
            UseGateway = key is not null,
        };
        return CosmosGraphStore.CreateAsync(CosmosClientFactory.Create(options), options, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static BlobServiceClient CreateBlobService(IConfiguration configuration)
    {
        var connection = Setting(configuration, LocalSettingNames.HostStorageConnectionString);
        if (!string.IsNullOrEmpty(connection))
        {
            return new BlobServiceClient(connection);
        }

        var account = Setting(configuration, AppSettingNames.HostStorageAccountName)
            ?? throw new InvalidOperationException($"Set {AppSettingNames.HostStorageAccountName} (identity) or AzureWebJobsStorage (connection string).");
        return new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), new DefaultAzureCredential());
    }

    // App settings arrive as environment variables with "__"; configuration exposes them with ":".
    private static string? Setting(IConfiguration configuration, string name) =>
        configuration[name.Replace("__", ":", StringComparison.Ordinal)] is { Length: > 0 } value ? value : null;
}
