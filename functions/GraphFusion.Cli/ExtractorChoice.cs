using GraphFusion.Core.Extraction;
using GraphFusion.Llm;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Cli;

/// <summary>The CLI's extractor: a chat model when <c>Llm__*</c> environment variables configure one, the offline extractor otherwise.</summary>
internal static class ExtractorChoice
{
    public static ITripletExtractor FromEnvironment() =>
        ExtractorSelection.Create(new ConfigurationBuilder().AddEnvironmentVariables().Build(), () => new StatisticalExtractor());
}
