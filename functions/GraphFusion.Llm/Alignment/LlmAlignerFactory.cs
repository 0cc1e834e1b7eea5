using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Extraction;
using GraphFusion.Llm.Resilience;
using GraphFusion.Llm.Tokens;
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
        LlmOptionsReader.Validate(options);
        var ledger = new LlmUsageLedger(options.Budget, options.Pricing);
        var responseCache = cache ?? (options.Cache.Enabled ? new FileSystemLlmResponseCache(options.Cache.Directory) : NoLlmResponseCache.Instance);
        var caller = new MeteredChatCaller(
            chatClient ?? ChatClientFactory.Create(options, null),
            options.Provider,
            options.Model,
            LlmResiliencePipelineFactory.Create(options.Resilience),
            responseCache,
            TiktokenTokenCounter.ForModel(options.Model),
            ledger,
            options.DryRun);
        return (new LlmCandidateVoter(caller), ledger);
    }
}
