namespace GraphFusion.Llm.Configuration;

public static class LlmProviders
{
    public const string AzureOpenAi = "azure-openai";
    public const string OpenAiCompatible = "openai-compatible";

    public static string Canonical(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "azure-openai" or "azureopenai" or "azure" => AzureOpenAi,
        "openai-compatible" or "openai" or "ollama" or "vllm" => OpenAiCompatible,
        _ => throw new LlmConfigurationException($"Llm:Provider '{provider}' is not supported; use '{AzureOpenAi}' or '{OpenAiCompatible}'."),
    };
}

public static class StructuredOutputModes
{
    public const string JsonSchema = "json-schema";
    public const string JsonObject = "json-object";
    public const string None = "none";
}
