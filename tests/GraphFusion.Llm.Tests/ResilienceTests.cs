using System.Diagnostics;
using GraphFusion.Llm.Resilience;
using Polly.Timeout;

namespace GraphFusion.Llm.Tests;

/// <summary>Retries, Retry-After, timeouts and the circuit breaker, against the local server through the real SDK.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private readonly TempDirectory cache = new();
    private FakeChatServer server = null!;

    public async Task InitializeAsync() => server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        cache.Dispose();
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_429_waits_at_least_the_retry_after_header_then_succeeds()
    {
        server.Script(ScriptedReply.Error(429, retryAfter: "1"), ScriptedReply.Ok(Answers.Standard));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        var extraction = Assert.Single(await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Equal(2, server.Requests.Count);
        var waited = server.Requests[1].ReceivedAt - server.Requests[0].ReceivedAt;
        Assert.InRange(waited, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(4));
        Assert.Equal(3, extraction.Triplets.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task AzureOpenAi_429_is_retried_by_the_pipeline_after_retry_after_and_not_by_the_sdk()
    {
        server.Script(ScriptedReply.Error(429, retryAfter: "1"), ScriptedReply.Ok(Answers.Standard));
        var options = TestOptions.Azure(server.BaseAddress, cache.Path);
        options.Resilience.MaxRetries = 1;
        var extractor = LlmExtractorFactory.Create(options);

        await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/openai/deployments/gf-extract/chat/completions", r.Path));
        Assert.True(server.Requests[1].ReceivedAt - server.Requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "Retry-After: 1 was honoured (timers may fire a few milliseconds early)");
    }

    [Fact(Timeout = 30_000)]
    public async Task AzureOpenAi_with_retries_off_sends_exactly_one_request()
    {
        server.Script(ScriptedReply.Error(500));
        var options = TestOptions.Azure(server.BaseAddress, cache.Path);
        options.Resilience.MaxRetries = 0;
        var extractor = LlmExtractorFactory.Create(options);

        await Assert.ThrowsAsync<LlmRequestFailedException>(() => extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_503_with_retry_after_is_honoured_and_capped()
    {
        server.Script(ScriptedReply.Error(503, retryAfter: "3600"), ScriptedReply.Ok(Answers.Standard));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Resilience.MaxRetryAfter = TimeSpan.FromMilliseconds(300);
        var extractor = LlmExtractorFactory.Create(options);

        await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None);

        var waited = server.Requests[1].ReceivedAt - server.Requests[0].ReceivedAt;
        Assert.InRange(waited, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(3));
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_500_is_retried_until_it_succeeds()
    {
        server.Script(ScriptedReply.Error(500), ScriptedReply.Error(500), ScriptedReply.Ok(Answers.Standard));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        var extraction = Assert.Single(await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, extraction.Triplets.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_500_past_the_retry_limit_fails_with_a_clear_error()
    {
        server.Script(ScriptedReply.Error(500));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        var error = await Assert.ThrowsAsync<LlmRequestFailedException>(() => extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("c-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, extractor.Ledger.Snapshot().FailedCalls);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_400_is_not_retried()
    {
        server.Script(ScriptedReply.Error(400));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        var error = await Assert.ThrowsAsync<LlmRequestFailedException>(() => extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_slow_server_times_out_each_attempt_and_fails_in_bounded_time()
    {
        server.Script(ScriptedReply.Slow(TimeSpan.FromSeconds(10), Answers.Standard));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        // Long enough that the retried request reaches the server even on a loaded machine.
        options.Resilience.RequestTimeout = TimeSpan.FromSeconds(1);
        options.Resilience.MaxRetries = 1;
        var extractor = LlmExtractorFactory.Create(options);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LlmRequestFailedException>(() => extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Contains("no answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
    }

    [Fact(Timeout = 30_000)]
    public async Task Repeated_failures_open_the_circuit_and_later_calls_fail_fast_without_a_request()
    {
        server.Script(ScriptedReply.Error(500));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Resilience.MaxRetries = 0;
        options.Resilience.CircuitBreakerMinimumThroughput = 2;
        options.Resilience.CircuitBreakerFailureRatio = 0.5;
        var extractor = LlmExtractorFactory.Create(options);

        for (var i = 0; i < 2; i++)
        {
            var failure = await Assert.ThrowsAsync<LlmRequestFailedException>(() => extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));
            Assert.Contains("HTTP 500", failure.Message, StringComparison.Ordinal);
        }

        var open = await Assert.ThrowsAsync<LlmRequestFailedException>(() => extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrency_limit_bounds_requests_in_flight()
    {
        var inFlight = 0;
        var peak = 0;
        server.Responder = (_, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            Thread.Sleep(100);
            Interlocked.Decrement(ref inFlight);
            return ScriptedReply.Ok(Answers.Standard);
        };
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Resilience.MaxConcurrency = 2;
        var extractor = LlmExtractorFactory.Create(options);
        var chunks = Enumerable.Range(0, 6).Select(i => new Core.Extraction.ChunkInput($"c-{i}", TestOptions.Passage + $" Run {i}.")).ToList();

        var results = await extractor.ExtractAsync(chunks, CancellationToken.None);

        Assert.Equal(6, results.Count);
        Assert.Equal(6, server.Requests.Count);
        Assert.InRange(peak, 1, 2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
