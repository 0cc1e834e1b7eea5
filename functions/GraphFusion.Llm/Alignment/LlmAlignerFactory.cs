using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm.Alignment;

/// <summary>Builds an <see cref="LlmCandidateVoter"/> and its usage ledger from <c>Llm:*</c> configuration, as for extraction.</summary>
public static class LlmAlignerFactory
{
    public static (LlmCandidateVoter Voter, LlmUsageLedger Ledger) Create(IConfiguration configuration) =>
        Create(LlmOptionsReader.Read(configuration));

    public static (LlmCandidateVoter Voter, LlmUsageLedger Ledger) Create(LlmOptions options, IChatClient? chatClient = null, ILlmResponseCache? cache = null)
    {
        var (caller, ledger) = MeteredCallerFactory.Create(options, chatClient, cache);
        return (new LlmCandidateVoter(caller), ledger);
    }
}
