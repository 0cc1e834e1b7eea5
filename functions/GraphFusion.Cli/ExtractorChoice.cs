using GraphFusion.Core.Extraction;
using GraphFusion.Inference.Extraction;
using GraphFusion.Llm;
using GraphFusion.Workers;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Cli;

/// <summary>
/// The CLI's extractor, by <c>--extractor</c>: <c>auto</c> (a chat model when <c>Llm__*</c> environment variables configure
/// one, else the trained model on the GPU worker when <c>GpuWorker__Url</c> is set, else the trained model in-process),
/// <c>trained</c>, <c>worker</c> (the trained model on the GPU worker, API key from <c>GpuWorker__ApiKey</c>),
/// <c>rules</c> (the rule-based extractor) or <c>llm</c>.
/// </summary>
internal static class ExtractorChoice
{
    public static readonly string[] Names = ["auto", "trained", "worker", "rules", "llm"];

    public static ITripletExtractor Create(string? name)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return (name ?? "auto").ToLowerInvariant() switch
        {
            "auto" => ExtractorSelection.Create(configuration, () => WorkerUrl(configuration) is { } url ? Worker(url, configuration) : TrainedExtractor.LoadShipped()),
            "trained" => TrainedExtractor.LoadShipped(),
            "worker" => Worker(WorkerUrl(configuration) ?? throw new ArgumentException("--extractor worker needs GpuWorker__Url in the environment"), configuration),
            "rules" => new StatisticalExtractor(),
            "llm" when ExtractorSelection.IsLlmConfigured(configuration) => LlmExtractorFactory.Create(configuration),
            "llm" => throw new ArgumentException("--extractor llm needs Llm__Provider, Llm__Endpoint and Llm__Model in the environment"),
            _ => throw new ArgumentException($"--extractor '{name}' is not one of {string.Join(", ", Names)}"),
        };
    }

    private static Uri? WorkerUrl(IConfiguration configuration) =>
        configuration["GpuWorker:Url"] is { Length: > 0 } url ? new Uri(url) : null;

    private static ITripletExtractor Worker(Uri url, IConfiguration configuration) =>
        WorkerExtractionSetup.CreateStandalone(url, configuration["GpuWorker:ApiKey"], TrainedExtractor.ShippedName);
}
