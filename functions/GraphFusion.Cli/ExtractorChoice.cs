using GraphFusion.Core.Extraction;
using GraphFusion.Inference.Extraction;
using GraphFusion.Llm;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Cli;

/// <summary>
/// The CLI's extractor, by <c>--extractor</c>: <c>auto</c> (a chat model when <c>Llm__*</c> environment variables configure
/// one, else the trained offline model), <c>trained</c>, <c>rules</c> (the rule-based extractor) or <c>llm</c>.
/// </summary>
internal static class ExtractorChoice
{
    public static readonly string[] Names = ["auto", "trained", "rules", "llm"];

    public static ITripletExtractor Create(string? name)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return (name ?? "auto").ToLowerInvariant() switch
        {
            "auto" => ExtractorSelection.Create(configuration, () => TrainedExtractor.LoadShipped()),
            "trained" => TrainedExtractor.LoadShipped(),
            "rules" => new StatisticalExtractor(),
            "llm" when ExtractorSelection.IsLlmConfigured(configuration) => LlmExtractorFactory.Create(configuration),
            "llm" => throw new ArgumentException("--extractor llm needs Llm__Provider, Llm__Endpoint and Llm__Model in the environment"),
            _ => throw new ArgumentException($"--extractor '{name}' is not one of {string.Join(", ", Names)}"),
        };
    }
}
