using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm.Configuration;

/// <summary>Reads and checks <see cref="LlmOptions"/> from configuration.</summary>
public static class LlmOptionsReader
{
    public static LlmOptions Read(IConfiguration configuration)
    {
        var options = new LlmOptions();
        configuration.GetSection(LlmOptions.SectionName).Bind(options);
        Validate(options);
        return options;
    }

    public static void Validate(LlmOptions options)
    {
        options.Provider = LlmProviders.Canonical(options.Provider);
        if (string.IsNullOrWhiteSpace(options.Endpoint) || !Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _))
        {
            throw new LlmConfigurationException($"Llm:Endpoint must be an absolute URL (got '{options.Endpoint}').");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new LlmConfigurationException(options.Provider == LlmProviders.AzureOpenAi
                ? "Llm:Model must name the Azure OpenAI deployment."
                : "Llm:Model must name the model.");
        }

        if (options.StructuredOutput is not (StructuredOutputModes.JsonSchema or StructuredOutputModes.JsonObject or StructuredOutputModes.None))
        {
            throw new LlmConfigurationException($"Llm:StructuredOutput '{options.StructuredOutput}' is not one of json-schema, json-object, none.");
        }

        if (options.MaxPassageTokens < 50 || options.MaxOutputTokens < 16)
        {
            throw new LlmConfigurationException("Llm:MaxPassageTokens must be at least 50 and Llm:MaxOutputTokens at least 16.");
        }

        if (options.Resilience.MaxConcurrency < 1 || options.Resilience.MaxRetries < 0 || options.Resilience.RequestTimeout <= TimeSpan.Zero)
        {
            throw new LlmConfigurationException("Llm:Resilience needs MaxConcurrency >= 1, MaxRetries >= 0 and a positive RequestTimeout.");
        }

        if (options.GleaningPasses is < 0 or > 3)
        {
            throw new LlmConfigurationException("Llm:GleaningPasses must be between 0 and 3.");
        }
    }
}
