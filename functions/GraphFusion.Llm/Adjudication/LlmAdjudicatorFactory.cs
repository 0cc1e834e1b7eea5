using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm.Adjudication;

/// <summary>Builds an <see cref="LlmRelationAdjudicator"/> and its usage ledger from <c>Llm:*</c> configuration, as for extraction.</summary>
public static class LlmAdjudicatorFactory
{
    public static (LlmRelationAdjudicator Adjudicator, LlmUsageLedger Ledger) Create(IConfiguration configuration, ILlmResponseCache? cache = null) =>
        Create(LlmOptionsReader.Read(configuration), cache: cache);

    public static (LlmRelationAdjudicator Adjudicator, LlmUsageLedger Ledger) Create(LlmOptions options, IChatClient? chatClient = null, ILlmResponseCache? cache = null)
    {
        var (caller, ledger) = MeteredCallerFactory.Create(options, chatClient, cache);
        return (new LlmRelationAdjudicator(caller, options.Model), ledger);
    }
}
