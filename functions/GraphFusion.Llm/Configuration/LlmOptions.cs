namespace GraphFusion.Llm.Configuration;

/// <summary>Settings of the chat-model extraction path, bound from the <c>Llm</c> configuration section.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary><c>azure-openai</c> or <c>openai-compatible</c> (OpenAI, Ollama, vLLM, llama.cpp server, ...).</summary>
    public string Provider { get; set; } = LlmProviders.OpenAiCompatible;

    /// <summary>Azure: the resource endpoint. OpenAI-compatible: the server's base address, with or without <c>/v1</c>.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The model name; for Azure OpenAI the deployment name.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Optional. Without it Azure OpenAI authenticates with Entra ID (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>json-schema</c> (default), <c>json-object</c> or <c>none</c> for servers without structured output.</summary>
    public string StructuredOutput { get; set; } = StructuredOutputModes.JsonSchema;

    /// <summary>Longest passage sent in one call; a longer chunk is split at sentence boundaries.</summary>
    public int MaxPassageTokens { get; set; } = 1_500;

    public int MaxOutputTokens { get; set; } = 1_024;

    public float Temperature { get; set; }

    /// <summary>Extra "anything missed?" turns per passage; 0 turns gleaning off.</summary>
    public int GleaningPasses { get; set; }

    /// <summary>Plan the calls and count their tokens without calling the model.</summary>
    public bool DryRun { get; set; }

    /// <summary>True: an answer that is not JSON even after repair fails the batch. False: the passage is skipped and counted.</summary>
    public bool FailOnMalformedResponse { get; set; } = true;

    public LlmBudgetOptions Budget { get; set; } = new();

    public LlmPricingOptions Pricing { get; set; } = new();

    public LlmResilienceOptions Resilience { get; set; } = new();

    public LlmCacheOptions Cache { get; set; } = new();
}

/// <summary>Token and cost caps; 0 means no cap. Exceeding one stops the run with <see cref="Usage.LlmBudgetExceededException"/>.</summary>
public sealed class LlmBudgetOptions
{
    public long MaxRunTokens { get; set; }

    public long MaxDocumentTokens { get; set; }

    public decimal MaxRunCost { get; set; }
}

/// <summary>Prices used to estimate cost, per million tokens, in the account's currency.</summary>
public sealed class LlmPricingOptions
{
    public decimal InputPerMillionTokens { get; set; }

    public decimal OutputPerMillionTokens { get; set; }
}

public sealed class LlmResilienceOptions
{
    public int MaxConcurrency { get; set; } = 4;

    public int MaxRetries { get; set; } = 4;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest Retry-After the client waits; a server asking for more is waited for this long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class LlmCacheOptions
{
    public bool Enabled { get; set; } = true;

    public string Directory { get; set; } = Path.Combine(".graphfusion", "llm-cache");
}
