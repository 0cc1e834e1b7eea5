using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Tokens;

/// <summary>Prompt tokens of a chat request: message contents plus the per-message framing and the response schema.</summary>
public static class ChatTokenEstimate
{
    private const int PerMessage = 4;
    private const int ReplyPriming = 3;

    public static int PromptTokens(ITokenCounter counter, IReadOnlyList<ChatMessage> messages, string? responseSchema)
    {
        var total = ReplyPriming;
        foreach (var message in messages)
        {
            total += PerMessage + counter.Count(message.Text);
        }

        return responseSchema is null ? total : total + counter.Count(responseSchema);
    }
}
