namespace GraphFusion.Llm.Caching;

/// <summary>A model's answer as kept in the cache, with the usage it cost the first time.</summary>
public sealed record CachedAnswer(string Text, long PromptTokens, long CompletionTokens);

/// <summary>
/// Stores answers by <see cref="LlmCacheKey"/> so a rerun pays nothing twice. Keys are lower-case hex (64 characters):
/// safe as file names and blob names. Implementations: a folder (<see cref="FileSystemLlmResponseCache"/>); in Azure,
/// a blob container (one blob per key holding the JSON of <see cref="CachedAnswer"/>).
/// </summary>
public interface ILlmResponseCache
{
    Task<CachedAnswer?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, CachedAnswer answer, CancellationToken cancellationToken);
}
