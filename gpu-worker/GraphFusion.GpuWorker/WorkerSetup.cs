using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker.Auth;
using GraphFusion.GpuWorker.Batching;
using GraphFusion.GpuWorker.Endpoints;
using GraphFusion.GpuWorker.Merging;
using GraphFusion.GpuWorker.Model;
using GraphFusion.GpuWorker.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker;

/// <summary>Service registration and the request pipeline of the worker.</summary>
internal static class WorkerSetup
{
    public static WebApplicationBuilder AddGpuWorker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<BatchingOptions>().BindConfiguration(BatchingOptions.Section);
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section);
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section);
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);

        services.AddSingleton<EncoderHost>();
        services.AddHostedService(sp => sp.GetRequiredService<EncoderHost>());
        services.AddSingleton<ExtractorHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ExtractorHost>());
        services.AddBatchingQueue<string, EmbeddedText, EmbeddingBatchRunner>();
        services.AddBatchingQueue<ChunkInput, ChunkExtraction, ExtractionBatchRunner>();

        services.AddMergeJobs();
        services.AddWorkerAuthentication();
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseGpuWorker(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        AuthenticationSetup.EnsureConfigured(auth);

        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthEndpoints();
        app.MapOpenApi().AllowAnonymous();
        app.MapMergeJobs(auth.IsAnonymous);
        var embeddings = app.MapEmbeddingEndpoints();
        var extraction = app.MapExtractionEndpoints();
        if (!auth.IsAnonymous)
        {
            embeddings.RequireAuthorization();
            extraction.RequireAuthorization();
        }
        else
        {
            app.Logger.LogWarning("Auth:AllowAnonymous is set and no API key or Entra tenant is configured: /v1/embeddings and /v1/extract accept anonymous requests");
        }

        return app;
    }

    private static void AddBatchingQueue<TInput, TOutput, TRunner>(this IServiceCollection services)
        where TRunner : class, IBatchRunner<TInput, TOutput>
    {
        services.AddSingleton<IBatchRunner<TInput, TOutput>, TRunner>();
        services.AddSingleton<DynamicBatchingQueue<TInput, TOutput>>();
        services.AddHostedService(sp => sp.GetRequiredService<DynamicBatchingQueue<TInput, TOutput>>());
    }
}
