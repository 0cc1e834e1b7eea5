using GraphFusion.Core.Embeddings;
using GraphFusion.Workers.Embeddings;
using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Workers;

/// <summary>Registers <see cref="WorkerTextEmbedder"/> as the host's <see cref="ITextEmbedder"/>: a typed client with the standard resilience handler.</summary>
public static class WorkerEmbeddingSetup
{
    /// <summary>
    /// Registers the typed client for <paramref name="workerUrl"/> (with <paramref name="apiKey"/> when given) and a singleton
    /// <see cref="ITextEmbedder"/> over it. Returns the client builder for further handlers.
    /// </summary>
    public static IHttpClientBuilder AddGpuWorkerEmbeddings(this IServiceCollection services, Uri workerUrl, string? apiKey, int maxInputsPerRequest = 64)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        var builder = services.AddHttpClient<WorkerEmbeddingClient>(http => http.BaseAddress = WorkerHttp.BaseAddress(workerUrl));
        WorkerHttp.Configure(builder, apiKey);

        // Embedding a batch takes well under a second; retries honour Retry-After (429/503 when busy or loading).
        builder.AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            options.Retry.MaxRetryAttempts = 5;
        });
        services.AddSingleton<ITextEmbedder>(sp => new WorkerTextEmbedder(sp.GetRequiredService<WorkerEmbeddingClient>(), maxInputsPerRequest: maxInputsPerRequest));
        return builder;
    }

    /// <summary>A <see cref="WorkerTextEmbedder"/> outside a host's container; the services live as long as the process.</summary>
    public static ITextEmbedder CreateStandalone(Uri workerUrl, string? apiKey, int maxInputsPerRequest = 64)
    {
        var services = new ServiceCollection();
        services.AddGpuWorkerEmbeddings(workerUrl, apiKey, maxInputsPerRequest);
        return services.BuildServiceProvider().GetRequiredService<ITextEmbedder>();
    }
}
