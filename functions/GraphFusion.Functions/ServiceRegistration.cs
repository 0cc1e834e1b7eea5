using System.Globalization;
using Azure.Identity;
using Azure.Storage.Blobs;
using GraphFusion.Api;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;
using GraphFusion.Functions.Merging;
using GraphFusion.Llm;
using GraphFusion.Llm.Adjudication;
using GraphFusion.Llm.Alignment;
using GraphFusion.Storage.Blobs;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workers;
using GraphFusion.Workers.Extraction;
using GraphFusion.Workflows;
using GraphFusion.Workflows.Alignment;
using GraphFusion.Workflows.Seeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Functions;

/// <summary>Wires the pipeline from app settings: the graph store, the blob document and reference sources, the extractor and, with a GPU worker, the embedder.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddGraphFusion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IGraphStore>(_ => CreateStore(configuration));
        services.AddSingleton(sp => CreateBlobService(configuration, sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IDocumentSource>(sp => new BlobDocumentSource(sp.GetRequiredService<BlobServiceClient>(), DocumentLimits.Default));
        services.AddSingleton<IModelFileStore>(sp => new BlobModelFileStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobModelFileStore.ContainerName)));
        var workerUrl = Setting(configuration, AppSettingNames.GpuWorkerUrl) is { } url ? new Uri(url) : null;
        if (workerUrl is not null)
        {
            // Credentials (Entra token or GpuWorker__ApiKey) as for the merge client.
            services.AddGpuWorkerExtraction(workerUrl, apiKey: null).AddHttpMessageHandler<GpuWorkerCredentialHandler>();

            // The app has no in-process model: reference entities and mentions are embedded by the worker.
            services.AddGpuWorkerEmbeddings(workerUrl, apiKey: null).AddHttpMessageHandler<GpuWorkerCredentialHandler>();
        }

        services.AddSingleton(sp => ExtractorSelection.Create(configuration, () => workerUrl is null ? new StatisticalExtractor() : sp.GetRequiredService<WorkerTripletExtractor>()));
        // With a chat model configured it also judges close relation conflicts and proposes novel triplets in the scheduled pass.
        var (judge, proposer, _) = ExtractorSelection.IsLlmConfigured(configuration) ? LlmAdjudicatorFactory.CreateWithProposer(configuration) : default;
        services.AddSingleton(sp => PipelineFactory.CreateActivities(
            sp.GetRequiredService<IGraphStore>(), sp.GetRequiredService<IDocumentSource>(), sp.GetRequiredService<ITripletExtractor>(), sp.GetRequiredService<TimeProvider>(), judge: judge,
            linkPrediction: LinkPredictionSettings(configuration), embedder: sp.GetService<ITextEmbedder>(), proposer: proposer));
        // Seed concepts embed the corpus; the app has no in-process model, so they need the GPU worker.
        services.AddSingleton(sp => new SeedActivities(
            sp.GetRequiredService<IGraphStore>(),
            sp.GetService<ITextEmbedder>() ?? throw new InvalidOperationException(
                $"Seed concepts need a text embedder: set the app setting {AppSettingNames.GpuWorkerUrl} to the GPU worker's URL."),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReferenceSource>(sp => new BlobReferenceSource(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton(sp => PipelineFactory.CreateReferenceActivities(
            sp.GetRequiredService<IGraphStore>(), sp.GetRequiredService<IReferenceSource>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ITextEmbedder>()));
        // Alignment jobs read their graphs with the reference reader; with a chat model configured they may ask for its vote.
        var alignmentRefiner = ExtractorSelection.IsLlmConfigured(configuration) ? new LlmAlignmentRefiner(LlmAlignerFactory.Create(configuration).Voter) : null;
        services.AddSingleton(sp => new AlignmentActivities(new AlignGraphsStep(
            sp.GetRequiredService<IReferenceSource>(), new BlobAlignmentOutput(sp.GetRequiredService<BlobServiceClient>()), alignmentRefiner)));
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

    private static LinkPredictionOptions LinkPredictionSettings(IConfiguration configuration)
    {
        var options = new LinkPredictionOptions();
        if (Setting(configuration, AppSettingNames.LinkPredictionEnabled) is { } enabled)
        {
            options = options with { Enabled = bool.Parse(enabled) };
        }

        if (Setting(configuration, AppSettingNames.LinkPredictionTargetPrecision) is { } precision)
        {
            options = options with { TargetPrecision = double.Parse(precision, CultureInfo.InvariantCulture) };
        }

        return options;
    }

    private static BlobServiceClient CreateBlobService(IConfiguration configuration, ILoggerFactory? loggers)
    {
        var connection = Setting(configuration, LocalSettingNames.HostStorageConnectionString);
        if (!string.IsNullOrEmpty(connection))
        {
            return BlobServiceClientFactory.Create(connection, loggers);
        }

        var account = Setting(configuration, AppSettingNames.HostStorageAccountName)
            ?? throw new InvalidOperationException($"Set {AppSettingNames.HostStorageAccountName} (identity) or AzureWebJobsStorage (connection string).");
        return BlobServiceClientFactory.ForAccount(account, loggers);
    }

    // App settings arrive as environment variables with "__"; configuration exposes them with ":".
    private static string? Setting(IConfiguration configuration, string name) =>
        configuration[name.Replace("__", ":", StringComparison.Ordinal)] is { Length: > 0 } value ? value : null;
}
