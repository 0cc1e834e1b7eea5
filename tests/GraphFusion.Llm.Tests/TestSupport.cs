using System.Text.Json;
using GraphFusion.Core.Extraction;
using GraphFusion.Llm.Configuration;

namespace GraphFusion.Llm.Tests;

/// <summary>A folder under the temp directory, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gf-llm-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

internal static class TestOptions
{
    public const string Passage = "BERT is used for question answering. We compare BERT with ELMo on the SQuAD dataset.";

    public static IReadOnlyList<ChunkInput> OneChunk { get; } = [new ChunkInput("c-1", Passage)];

    public static LlmOptions OpenAiCompatible(Uri endpoint, string cacheDirectory) => new()
    {
        Provider = LlmProviders.OpenAiCompatible,
        Endpoint = endpoint.ToString(),
        Model = "test-model",
        Resilience = FastResilience(),
        Cache = new LlmCacheOptions { Directory = cacheDirectory },
    };

    public static LlmOptions Azure(Uri endpoint, string cacheDirectory) => new()
    {
        Provider = LlmProviders.AzureOpenAi,
        Endpoint = endpoint.ToString(),
        Model = "gf-extract",
        ApiKey = "test-key",
        Resilience = FastResilience(),
        Cache = new LlmCacheOptions { Directory = cacheDirectory },
    };

    private static LlmResilienceOptions FastResilience() => new()
    {
        MaxConcurrency = 2,
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryAfter = TimeSpan.FromSeconds(3),
        RequestTimeout = TimeSpan.FromSeconds(5),
        CircuitBreakerMinimumThroughput = 100,
    };
}

internal static class Answers
{
    public static string Of(params (string Head, string Relation, string Tail)[] triplets) =>
        JsonSerializer.Serialize(new
        {
            entities = Array.Empty<object>(),
            triplets = triplets.Select(t => new { head = t.Head, relation = t.Relation, tail = t.Tail }),
        });

    public static string Standard { get; } = Of(
        ("BERT", "Used-for", "question answering"),
        ("BERT", "Compare", "ELMo"),
        ("SQuAD dataset", "Evaluate-for", "BERT"));
}
