using System.CommandLine;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Fusion.Proposals;
using GraphFusion.Llm;
using GraphFusion.Llm.Adjudication;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Cli;

/// <summary>
/// The judge of close relation conflicts and proposer of novel triplets, by <c>--judge</c>: <c>auto</c> (the chat model when
/// <c>Llm__*</c> environment variables configure one, else none), <c>llm</c> or <c>none</c> (the evidence rule alone decides,
/// and only rules and the link predictor infer). Judge and proposer share one cache, budget and ledger.
/// </summary>
internal static class JudgeChoice
{
    public static readonly string[] Names = ["auto", "llm", "none"];

    public static Option<string> Option()
    {
        var option = new Option<string>("--judge")
        {
            Description = "Who settles close relation conflicts and proposes novel triplets in the re-fusion pass: auto (a configured chat model, else nobody), llm or none",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong(Names);
        return option;
    }

    public static (IRelationAdjudicator? Judge, IRelationProposer? Proposer, LlmUsageLedger? Ledger) Create(string? name)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var configured = ExtractorSelection.IsLlmConfigured(configuration);
        switch ((name ?? "auto").ToLowerInvariant())
        {
            case "none":
            case "auto" when !configured:
                return (null, null, null);
            case "auto":
            case "llm" when configured:
                return LlmAdjudicatorFactory.CreateWithProposer(configuration);
            case "llm":
                throw new ArgumentException("--judge llm needs Llm__Provider, Llm__Endpoint and Llm__Model in the environment");
            default:
                throw new ArgumentException($"--judge '{name}' is not one of {string.Join(", ", Names)}");
        }
    }
}
