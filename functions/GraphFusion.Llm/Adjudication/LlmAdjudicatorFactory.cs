using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Proposals;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm.Adjudication;

/// <summary>Builds an <see cref="LlmRelationAdjudicator"/> and its usage ledger from <c>Llm:*</c> configuration, as for extraction.</summary>
public static class LlmAdjudicatorFactory
{
    public static (LlmRelationAdjudicator Adjudicator, LlmUsageLedger Ledger) Create(IConfiguration configuration, ILlmResponseCache? cache = null) =>
        Create(LlmOptionsReader.Read(configuration), cache: cache);

    /// <summary>The judge and the proposer of novel triplets over one caller: one cache, one budget, one ledger.</summary>
    public static (LlmRelationAdjudicator Adjudicator, LlmRelationProposer Proposer, LlmUsageLedger Ledger) CreateWithProposer(IConfiguration configuration)
    {
        var options = LlmOptionsReader.Read(configuration);
        var (caller, ledger) = MeteredCallerFactory.Create(options);
        return (new LlmRelationAdjudicator(caller, options.Model), new LlmRelationProposer(caller, options.Model), ledger);
    }

    public static (LlmRelationAdjudicator Adjudicator, LlmUsageLedger Ledger) Create(LlmOptions options, IChatClient? chatClient = null, ILlmResponseCache? cache = null)
    {
        var (caller, ledger) = MeteredCallerFactory.Create(options, chatClient, cache);
        return (new LlmRelationAdjudicator(caller, options.Model), ledger);
    }
}
