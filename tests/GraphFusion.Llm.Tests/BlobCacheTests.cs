using Azure.Storage.Blobs;
using GraphFusion.Llm.Caching;

namespace GraphFusion.Llm.Tests;

[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>The blob-storage cache against Azurite, and a rerun through it that sends no request.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class BlobCacheTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BlobContainerClient container = new(azurite.ConnectionString, "llm-cache-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly TempDirectory unused = new();
    private FakeChatServer server = null!;

    public async Task InitializeAsync() => server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await container.DeleteIfExistsAsync();
        unused.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task Blob_cache_creates_its_container_round_trips_and_misses_cleanly()
    {
        var cache = new BlobLlmResponseCache(container);
        var key = new string('b', 64);

        Assert.Null(await cache.GetAsync(key, CancellationToken.None));
        await cache.SetAsync(key, new CachedAnswer("{\"triplets\":[]}", 7, 3), CancellationToken.None);

        Assert.Equal(new CachedAnswer("{\"triplets\":[]}", 7, 3), await cache.GetAsync(key, CancellationToken.None));
        Assert.True(await container.GetBlobClient($"llm-cache/{key}.json").ExistsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Rerun_through_the_blob_cache_sends_no_request()
    {
        server.Script(ScriptedReply.Ok(Answers.Standard));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, unused.Path);
        await LlmExtractorFactory.Create(options, cache: new BlobLlmResponseCache(container)).ExtractAsync(TestOptions.OneChunk, CancellationToken.None);

        var rerun = LlmExtractorFactory.Create(options, cache: new BlobLlmResponseCache(container));
        var extraction = Assert.Single(await rerun.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal(3, extraction.Triplets.Count);
        Assert.Equal(1, rerun.Ledger.Snapshot().CacheHits);
        Assert.False(Directory.Exists(unused.Path));
    }
}
