using GraphFusion.Core.Extraction;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm;

/// <summary>The extractor a host uses: the chat model when <c>Llm:Provider</c> or <c>Llm:Endpoint</c> is configured, the offline one otherwise.</summary>
public static class ExtractorSelection
{
    public static bool IsLlmConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Llm:Endpoint"]) || !string.IsNullOrWhiteSpace(configuration["Llm:Provider"]);

    public static ITripletExtractor Create(IConfiguration configuration, Func<ITripletExtractor> offline) =>
        IsLlmConfigured(configuration) ? LlmExtractorFactory.Create(configuration) : offline();
}
