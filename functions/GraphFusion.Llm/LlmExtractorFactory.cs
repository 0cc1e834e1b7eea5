using Azure.Core;
using GraphFusion.Core.Graph;
using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Extraction;
using GraphFusion.Llm.Resilience;
using GraphFusion.Llm.Tokens;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm;

/// <summary>
/// Builds an <see cref="LlmTripletExtractor"/> from configuration (<c>Llm:*</c>): the chat client for the provider, the
/// token counter, the response cache (a folder unless another cache is given), the usage ledger and the resilience pipeline.
/// </summary>
public static class LlmExtractorFactory
{
    public static LlmTripletExtractor Create(IConfiguration configuration, RelationSchema? schema = null, ILlmResponseCache? cache = null, TokenCredential? azureCredential = null) =>
        Create(LlmOptionsReader.Read(configuration), schema, cache, azureCredential);

    public static LlmTripletExtractor Create(LlmOptions options, RelationSchema? schema = null, ILlmResponseCache? cache = null, TokenCredential? azureCredential = null)
    {
        LlmOptionsReader.Validate(options);
        return Create(options, ChatClientFactory.Create(options, azureCredential), schema, cache);
    }

    /// <summary>With a chat client made elsewhere (a host's own <see cref="IChatClient"/> pipeline, or a test double).</summary>
    public static LlmTripletExtractor Create(LlmOptions options, IChatClient chatClient, RelationSchema? schema = null, ILlmResponseCache? cache = null)
    {
        LlmOptionsReader.Validate(options);
        var tokens = TiktokenTokenCounter.ForModel(options.Model);
        var ledger = new LlmUsageLedger(options.Budget, options.Pricing);
        var responseCache = cache ?? (options.Cache.Enabled ? new FileSystemLlmResponseCache(options.Cache.Directory) : NoLlmResponseCache.Instance);
        var pipeline = LlmResiliencePipelineFactory.Create(options.Resilience);
        var caller = new MeteredChatCaller(chatClient, options.Provider, options.Model, pipeline, responseCache, tokens, ledger, options.DryRun);
        return new LlmTripletExtractor(options, schema ?? RelationSchema.Graphusion, caller, tokens, ledger);
    }
}
