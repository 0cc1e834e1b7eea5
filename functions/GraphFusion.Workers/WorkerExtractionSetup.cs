using GraphFusion.Workers.Extraction;
using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Workers;

/// <summary>Registers <see cref="WorkerTripletExtractor"/>: a typed client with the standard resilience handler.</summary>
public static class WorkerExtractionSetup
{
    /// <summary>
    /// Registers the typed client for <paramref name="workerUrl"/> (with <paramref name="apiKey"/> when given) and a
    /// singleton <see cref="WorkerTripletExtractor"/> named <paramref name="extractorName"/>, or, when that is null, by
    /// the worker's answer to <c>GET /v1/extract/model</c> on first use. Returns the client builder for further handlers.
    /// </summary>
    public static IHttpClientBuilder AddGpuWorkerExtraction(this IServiceCollection services, Uri workerUrl, string? apiKey, string? extractorName = null)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        var builder = services.AddHttpClient<WorkerExtractionClient>(http => http.BaseAddress = WorkerHttp.BaseAddress(workerUrl));
        WorkerHttp.Configure(builder, apiKey);

        // Extraction of a full request can take seconds on a CPU worker; retries honour Retry-After (429/503 when busy or loading).
        builder.AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(100);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(5);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(200);
            options.Retry.MaxRetryAttempts = 5;
        });
        services.AddSingleton(sp =>
        {
            var client = sp.GetRequiredService<WorkerExtractionClient>();
            var name = extractorName ?? client.GetModelAsync(CancellationToken.None).GetAwaiter().GetResult().Extractor;
            return new WorkerTripletExtractor(client, name);
        });
        return builder;
    }

    /// <summary>A <see cref="WorkerTripletExtractor"/> outside a host's container (the CLI); the services live as long as the process.</summary>
    public static WorkerTripletExtractor CreateStandalone(Uri workerUrl, string? apiKey, string extractorName)
    {
        var services = new ServiceCollection();
        services.AddGpuWorkerExtraction(workerUrl, apiKey, extractorName);
        return services.BuildServiceProvider().GetRequiredService<WorkerTripletExtractor>();
    }
}
