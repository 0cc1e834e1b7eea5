namespace GraphFusion.Llm.Caching;

/// <summary>The cache used when <c>Llm:Cache:Enabled</c> is false: remembers nothing.</summary>
public sealed class NoLlmResponseCache : ILlmResponseCache
{
    public static NoLlmResponseCache Instance { get; } = new();

    public Task<CachedAnswer?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult<CachedAnswer?>(null);

    public Task SetAsync(string key, CachedAnswer answer, CancellationToken cancellationToken) => Task.CompletedTask;
}
