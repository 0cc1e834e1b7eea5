using Azure.Core;
using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Extraction;
using GraphFusion.Llm.Resilience;
using GraphFusion.Llm.Tokens;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Clients;

/// <summary>Builds the cached, budgeted and resilient chat caller that every use of the chat model goes through.</summary>
public static class MeteredCallerFactory
{
    public static (MeteredChatCaller Caller, LlmUsageLedger Ledger) Create(
        LlmOptions options, IChatClient? chatClient = null, ILlmResponseCache? cache = null, TokenCredential? azureCredential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LlmOptionsReader.Validate(options);
        var ledger = new LlmUsageLedger(options.Budget, options.Pricing);
        var responseCache = cache ?? (options.Cache.Enabled ? new FileSystemLlmResponseCache(options.Cache.Directory) : NoLlmResponseCache.Instance);
        var caller = new MeteredChatCaller(
            chatClient ?? ChatClientFactory.Create(options, azureCredential),
            options.Provider,
            options.Model,
            LlmResiliencePipelineFactory.Create(options.Resilience),
            responseCache,
            TiktokenTokenCounter.ForModel(options.Model),
            ledger,
            options.DryRun);
        return (caller, ledger);
    }
}
