using GraphFusion.Core.Extraction;
using GraphFusion.Llm.Caching;
using GraphFusion.Llm.Parsing;
using GraphFusion.Llm.Usage;

namespace GraphFusion.Llm.Tests;

/// <summary>Budgets, usage and cost, dry runs and the response cache.</summary>
public sealed class CostControlTests : IAsyncLifetime
{
    private readonly TempDirectory cache = new();
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        server.Script(ScriptedReply.Ok(Answers.Standard));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        cache.Dispose();
    }

    private static List<ChunkInput> Chunks(int count) =>
        Enumerable.Range(0, count).Select(i => new ChunkInput($"c-{i}", TestOptions.Passage + $" Section {i}.")).ToList();

    [Fact(Timeout = 30_000)]
    public async Task Rerun_is_served_from_the_cache_with_zero_requests()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        var first = await LlmExtractorFactory.Create(options).ExtractAsync(Chunks(2), CancellationToken.None);
        Assert.Equal(2, server.Requests.Count);

        var rerun = LlmExtractorFactory.Create(options);
        var second = await rerun.ExtractAsync(Chunks(2), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(first.SelectMany(e => e.Triplets), second.SelectMany(e => e.Triplets));
        var usage = rerun.Ledger.Snapshot();
        Assert.Equal((0, 2, 0L, 0m), (usage.Calls, usage.CacheHits, usage.TotalTokens, usage.EstimatedCost));
        Assert.NotEmpty(Directory.EnumerateFiles(cache.Path, "*.json", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 30_000)]
    public async Task Another_model_does_not_reuse_cached_answers()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        await LlmExtractorFactory.Create(options).ExtractAsync(Chunks(1), CancellationToken.None);
        options.Model = "other-model";

        await LlmExtractorFactory.Create(options).ExtractAsync(Chunks(1), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_and_estimated_cost_follow_the_reported_tokens_and_prices()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Pricing.InputPerMillionTokens = 2.5m;
        options.Pricing.OutputPerMillionTokens = 10m;
        var extractor = LlmExtractorFactory.Create(options);

        await extractor.ExtractAsync(Chunks(2), CancellationToken.None);

        var usage = extractor.Ledger.Snapshot();
        Assert.Equal(2, usage.Calls);
        Assert.Equal(2 * FakeChatServer.ReportedPromptTokens, usage.PromptTokens);
        Assert.Equal(2 * FakeChatServer.ReportedCompletionTokens, usage.CompletionTokens);
        Assert.Equal(2 * ((1_000 * 2.5m) + (50 * 10m)) / 1_000_000m, usage.EstimatedCost);
        Assert.Contains("LLM calls 2", extractor.Ledger.Describe(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_token_budget_stops_cleanly_naming_the_budget()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Resilience.MaxConcurrency = 1;
        options.Budget.MaxRunTokens = 1_500;
        var extractor = LlmExtractorFactory.Create(options);

        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => extractor.ExtractAsync(Chunks(3), CancellationToken.None));

        Assert.Equal("Llm:Budget:MaxRunTokens", error.Budget);
        Assert.Equal(1_500m, error.Limit);
        Assert.Contains("Llm:Budget:MaxRunTokens", error.Message, StringComparison.Ordinal);
        Assert.InRange(server.Requests.Count, 0, 2);
        Assert.True(extractor.Ledger.Snapshot().TotalTokens <= 1_500 + FakeChatServer.ReportedPromptTokens + FakeChatServer.ReportedCompletionTokens);
    }

    [Fact(Timeout = 30_000)]
    public async Task Document_budget_stops_one_document_and_leaves_others_alone()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Budget.MaxDocumentTokens = 1_500;
        var extractor = LlmExtractorFactory.Create(options);

        using (LlmDocumentScope.Begin("doc-a"))
        {
            await extractor.ExtractAsync(Chunks(1), CancellationToken.None);
            var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(
                () => extractor.ExtractAsync([new ChunkInput("c-9", TestOptions.Passage + " More.")], CancellationToken.None));
            Assert.Equal("Llm:Budget:MaxDocumentTokens", error.Budget);
            Assert.Equal("doc-a", error.DocumentId);
        }

        using (LlmDocumentScope.Begin("doc-b"))
        {
            await extractor.ExtractAsync([new ChunkInput("c-10", TestOptions.Passage + " Other.")], CancellationToken.None);
        }

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cost_budget_stops_before_the_call_that_would_pass_it()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Pricing.InputPerMillionTokens = 1_000m;
        options.Budget.MaxRunCost = 0.01m;
        var extractor = LlmExtractorFactory.Create(options);

        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => extractor.ExtractAsync(Chunks(1), CancellationToken.None));

        Assert.Equal("Llm:Budget:MaxRunCost", error.Budget);
        Assert.Empty(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Dry_run_plans_calls_and_counts_tokens_without_any_request()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.DryRun = true;
        var extractor = LlmExtractorFactory.Create(options);

        var results = await extractor.ExtractAsync(Chunks(3), CancellationToken.None);

        Assert.Empty(server.Requests);
        Assert.All(results, r => Assert.Empty(r.Triplets));
        var planned = extractor.Ledger.Snapshot().PlannedCalls;
        Assert.Equal(3, planned.Count);
        Assert.All(planned, p => Assert.InRange(p.PromptTokens, 300, 3_000));
        Assert.All(planned, p => Assert.False(p.Cached));
        Assert.EndsWith("-dry-run", extractor.Name, StringComparison.Ordinal);
        var report = extractor.Ledger.Describe();
        Assert.Contains("dry run: 3 planned calls (0 cached)", report, StringComparison.Ordinal);
        Assert.Contains("c-2 extract", report, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Dry_run_after_a_real_run_reports_the_cached_calls_as_free()
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        await LlmExtractorFactory.Create(options).ExtractAsync(Chunks(1), CancellationToken.None);
        options.DryRun = true;
        var dryRun = LlmExtractorFactory.Create(options);

        await dryRun.ExtractAsync(Chunks(2), CancellationToken.None);

        Assert.Single(server.Requests);
        Assert.Equal([true, false], dryRun.Ledger.Snapshot().PlannedCalls.OrderBy(p => p.ChunkId).Select(p => p.Cached));
    }

    [Fact(Timeout = 30_000)]
    public async Task Malformed_answer_fails_with_a_clear_error_and_is_not_cached()
    {
        server.Script(ScriptedReply.Ok("Sorry, I cannot help with that."));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);

        var error = await Assert.ThrowsAsync<LlmResponseFormatException>(() => LlmExtractorFactory.Create(options).ExtractAsync(Chunks(1), CancellationToken.None));
        await Assert.ThrowsAsync<LlmResponseFormatException>(() => LlmExtractorFactory.Create(options).ExtractAsync(Chunks(1), CancellationToken.None));

        Assert.Contains("Chunk c-0", error.Message, StringComparison.Ordinal);
        Assert.Contains("no JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sorry, I cannot help", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Malformed_answer_can_be_skipped_and_counted_instead()
    {
        server.Script(ScriptedReply.Ok("{\"triplets\": [{\"head\": \"BERT\", \"relation\": }}}"));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.FailOnMalformedResponse = false;
        var extractor = LlmExtractorFactory.Create(options);

        var extraction = Assert.Single(await extractor.ExtractAsync(Chunks(1), CancellationToken.None));

        Assert.Empty(extraction.Triplets);
        Assert.Equal(1, extractor.Ledger.Snapshot().MalformedAnswers);
    }

    [Fact(Timeout = 30_000)]
    public async Task Repaired_answer_from_a_provider_without_structured_output_is_used()
    {
        server.Script(ScriptedReply.Ok("Here you go:\n```json\n{'entities': [], 'triplets': [{'head': 'BERT', 'relation': 'used_for', 'tail': 'question answering'},\n{'head': 'BERT', 'relation': 'COMPARE', 'tail': 'ELMo'},]}\n```"));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        var extraction = Assert.Single(await extractor.ExtractAsync(Chunks(1), CancellationToken.None));

        Assert.Equal(["Compare", "Used-for"], extraction.Triplets.Select(t => t.Relation).Order());
        Assert.Equal(1, extractor.Ledger.Snapshot().RepairedAnswers);
    }

    [Fact(Timeout = 30_000)]
    public async Task File_cache_round_trips_and_ignores_a_corrupt_entry()
    {
        var store = new FileSystemLlmResponseCache(cache.Path);
        var key = new string('a', 64);
        Assert.Null(await store.GetAsync(key, CancellationToken.None));

        await store.SetAsync(key, new CachedAnswer("{}", 10, 2), CancellationToken.None);
        Assert.Equal(new CachedAnswer("{}", 10, 2), await store.GetAsync(key, CancellationToken.None));

        await File.WriteAllTextAsync(Path.Combine(cache.Path, "aa", key + ".json"), "{not json");
        Assert.Null(await store.GetAsync(key, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => store.GetAsync("../../etc/passwd", CancellationToken.None).GetAwaiter().GetResult());
    }
}
