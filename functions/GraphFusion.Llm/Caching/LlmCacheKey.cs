using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Caching;

/// <summary>The cache key of a chat call: a SHA-256 over provider, model, every message and the generation settings.</summary>
public static class LlmCacheKey
{
    public static string Of(string provider, string model, IReadOnlyList<ChatMessage> messages, ChatOptions options)
    {
        var payload = new
        {
            provider,
            model,
            messages = messages.Select(m => new { role = m.Role.Value, text = m.Text }),
            temperature = options.Temperature,
            maxOutputTokens = options.MaxOutputTokens,
            format = options.ResponseFormat switch
            {
                ChatResponseFormatJson { Schema: { } schema } => schema.GetRawText(),
                ChatResponseFormatJson => "json",
                _ => "text",
            },
        };
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));
        return Convert.ToHexStringLower(bytes);
    }
}
