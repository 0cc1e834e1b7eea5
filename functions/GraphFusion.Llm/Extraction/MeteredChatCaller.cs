using System.ClientModel;
using System.Text.Json;
using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Parsing;
using GraphFusion.Llm.Resilience;
using GraphFusion.Llm.Tokens;
using GraphFusion.Llm.Usage;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GraphFusion.Llm.Extraction;

/// <summary>
/// Makes one chat call the careful way: cache first, then count the prompt tokens and reserve them against the budgets
/// (or only plan the call in a dry run), call through the resilience pipeline, book the usage, parse, and cache only
/// answers that parsed.
/// </summary>
public sealed class MeteredChatCaller(
    IChatClient chatClient,
    string provider,
    string model,
    ResiliencePipeline pipeline,
    ILlmResponseCache cache,
    ITokenCounter tokens,
    LlmUsageLedger ledger,
    bool dryRun)
{
    /// <returns>The parsed answer, or null in a dry run when the answer is not cached.</returns>
    public async Task<LlmAnswer<T>?> CallAsync<T>(
        string chunkId,
        string purpose,
        string documentId,
        IReadOnlyList<ChatMessage> messages,
        ChatOptions options,
        Func<string, T> parse,
        CancellationToken cancellationToken)
    {
        var key = LlmCacheKey.Of(provider, model, messages, options);
        var cached = await cache.GetAsync(key, cancellationToken);
        var promptTokens = ChatTokenEstimate.PromptTokens(tokens, messages, SchemaText(options));
        if (dryRun)
        {
            ledger.RecordPlanned(new PlannedLlmCall(chunkId, purpose, promptTokens, options.MaxOutputTokens ?? 0, cached is not null));
        }

        if (cached is not null && TryParse(cached.Text, parse, out var fromCache))
        {
            ledger.RecordCacheHit();
            return new LlmAnswer<T>(fromCache, cached.Text, FromCache: true);
        }

        if (dryRun)
        {
            return null;
        }

        ledger.Reserve(documentId, promptTokens);
        ChatResponse response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async token => await chatClient.GetResponseAsync(messages, options, token),
                cancellationToken);
        }
        catch (Exception ex) when (Explain(ex) is { } message)
        {
            ledger.Fail(documentId, promptTokens);
            throw new LlmRequestFailedException($"LLM call for chunk {chunkId} ({purpose}) failed: {message}", ex);
        }
        catch
        {
            ledger.Fail(documentId, promptTokens);
            throw;
        }

        var text = response.Text;
        ledger.Settle(
            documentId,
            promptTokens,
            response.Usage?.InputTokenCount ?? promptTokens,
            response.Usage?.OutputTokenCount ?? tokens.Count(text));
        T value;
        try
        {
            value = parse(text);
        }
        catch (LlmResponseFormatException)
        {
            ledger.RecordAnswer(wasRepaired: false, wasMalformed: true);
            throw;
        }

        await cache.SetAsync(key, new CachedAnswer(text, response.Usage?.InputTokenCount ?? promptTokens, response.Usage?.OutputTokenCount ?? 0), cancellationToken);
        return new LlmAnswer<T>(value, text, FromCache: false);
    }

    private static bool TryParse<T>(string text, Func<string, T> parse, out T value)
    {
        try
        {
            value = parse(text);
            return true;
        }
        catch (LlmResponseFormatException)
        {
            value = default!;
            return false;
        }
    }

    private static string? SchemaText(ChatOptions options) =>
        options.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } ? JsonSerializer.Serialize(schema) : null;

    private static string? Explain(Exception exception) => exception switch
    {
        BrokenCircuitException => "the circuit breaker is open after repeated failures; calls are paused.",
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalSeconds:0.###} s.",
        ClientResultException { Status: 0 } result => $"could not reach the server ({result.Message}).",
        ClientResultException result => $"the server answered HTTP {result.Status}: {result.Message}",
        HttpRequestException http => $"could not reach the server ({http.Message}).",
        _ => null,
    };
}
