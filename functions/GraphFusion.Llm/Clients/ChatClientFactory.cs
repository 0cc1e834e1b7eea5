using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using GraphFusion.Llm.Configuration;
using Microsoft.Extensions.AI;
using OpenAI;

namespace GraphFusion.Llm.Clients;

/// <summary>
/// Creates the <see cref="IChatClient"/> for the configured provider. The SDKs' own retries are switched off:
/// retries, timeouts and the circuit breaker live in one place, <see cref="Resilience.LlmResiliencePipelineFactory"/>.
/// </summary>
public static class ChatClientFactory
{
    public static IChatClient Create(LlmOptions options, TokenCredential? azureCredential = null)
    {
        var networkTimeout = options.Resilience.RequestTimeout + options.Resilience.RequestTimeout + TimeSpan.FromSeconds(5);
        return LlmProviders.Canonical(options.Provider) switch
        {
            LlmProviders.AzureOpenAi => CreateAzure(options, azureCredential, networkTimeout),
            _ => CreateOpenAiCompatible(options, networkTimeout),
        };
    }

    private static IChatClient CreateAzure(LlmOptions options, TokenCredential? azureCredential, TimeSpan networkTimeout)
    {
        var clientOptions = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0), NetworkTimeout = networkTimeout };
        var endpoint = new Uri(options.Endpoint, UriKind.Absolute);
        var client = string.IsNullOrEmpty(options.ApiKey)
            ? new AzureOpenAIClient(endpoint, azureCredential ?? new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), clientOptions);
        return client.GetChatClient(options.Model).AsIChatClient();
    }

    private static IChatClient CreateOpenAiCompatible(LlmOptions options, TimeSpan networkTimeout)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = OpenAiCompatibleEndpoint.Normalize(options.Endpoint),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout,
        };

        // Local servers (Ollama, vLLM) need no key, but the client requires one.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.Model).AsIChatClient();
    }
}
