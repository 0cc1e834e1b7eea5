namespace GraphFusion.Llm.Configuration;

/// <summary>
/// The base address the OpenAI client needs (it appends <c>/chat/completions</c>). A bare server address
/// (<c>http://localhost:11434</c>, Ollama) gets <c>/v1</c>; an address with a path (<c>http://host:8000/v1</c>, vLLM,
/// or a provider's <c>/openai/v1</c>) is kept as given. A trailing <c>/chat/completions</c> is tolerated.
/// </summary>
public static class OpenAiCompatibleEndpoint
{
    public static Uri Normalize(string endpoint)
    {
        var trimmed = endpoint.Trim().TrimEnd('/');
        if (trimmed.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^"/chat/completions".Length];
        }

        var uri = new Uri(trimmed, UriKind.Absolute);
        return uri.AbsolutePath.Trim('/').Length == 0 ? new Uri(trimmed + "/v1") : uri;
    }
}
