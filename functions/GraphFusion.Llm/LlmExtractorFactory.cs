using Azure.Core;
using GraphFusion.Core.Graph;
using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Clients;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Extraction;
using GraphFusion.Llm.Tokens;
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
        var (caller, ledger) = MeteredCallerFactory.Create(options, chatClient, cache);
        return new LlmTripletExtractor(options, schema ?? RelationSchema.Graphusion, caller, TiktokenTokenCounter.ForModel(options.Model), ledger);
    }
}
