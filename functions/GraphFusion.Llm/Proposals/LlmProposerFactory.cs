using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm.Proposals;

/// <summary>Builds an <see cref="LlmRelationProposer"/> and its usage ledger from <c>Llm:*</c> configuration, as for extraction.</summary>
public static class LlmProposerFactory
{
    public static (LlmRelationProposer Proposer, LlmUsageLedger Ledger) Create(IConfiguration configuration, ILlmResponseCache? cache = null) =>
        Create(LlmOptionsReader.Read(configuration), cache: cache);

    public static (LlmRelationProposer Proposer, LlmUsageLedger Ledger) Create(LlmOptions options, IChatClient? chatClient = null, ILlmResponseCache? cache = null)
    {
        var (caller, ledger) = MeteredCallerFactory.Create(options, chatClient, cache);
        return (new LlmRelationProposer(caller, options.Model), ledger);
    }
}
