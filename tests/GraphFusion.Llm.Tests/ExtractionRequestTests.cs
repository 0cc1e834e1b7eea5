using GraphFusion.Core.Graph;
using GraphFusion.Llm.Configuration;

namespace GraphFusion.Llm.Tests;

/// <summary>Requests made through the real OpenAI and Azure OpenAI SDKs, and the answers parsed into extractions.</summary>
public sealed class ExtractionRequestTests : IAsyncLifetime
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
    public async Task OpenAiCompatible_request_carries_schema_definitions_passage_and_json_schema_format()
    {
        server.Script(ScriptedReply.Ok(Answers.Standard));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("test-model", request.Body["model"]!.GetValue<string>());
        Assert.Equal("system", request.Role(0));
        foreach (var type in RelationSchema.Graphusion.Types)
        {
            Assert.Contains($"- {type.Name} (", request.MessageText(0), StringComparison.Ordinal);
            Assert.Contains(type.Definition, request.MessageText(0), StringComparison.Ordinal);
        }

        Assert.Contains("head -> tail", request.MessageText(0), StringComparison.Ordinal);
        Assert.Contains(TestOptions.Passage, request.MessageText(1), StringComparison.Ordinal);
        var format = request.Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var relationEnum = format["json_schema"]!["schema"]!["properties"]!["triplets"]!["items"]!["properties"]!["relation"]!["enum"]!.AsArray();
        Assert.Equal(RelationSchema.Graphusion.Types.Select(t => t.Name), relationEnum.Select(v => v!.GetValue<string>()));
        Assert.Equal(1_024, request.Body["max_tokens"]?.GetValue<int>() ?? request.Body["max_completion_tokens"]!.GetValue<int>());
    }

    [Fact(Timeout = 30_000)]
    public async Task OpenAiCompatible_answer_becomes_grounded_triplets_with_mentions_and_evidence()
    {
        server.Script(ScriptedReply.Ok(Answers.Standard));
        var extractor = LlmExtractorFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path));

        var extraction = Assert.Single(await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Equal("c-1", extraction.ChunkId);
        Assert.Equal(extractor.Name, extraction.Extractor);
        Assert.Equal(3, extraction.Triplets.Count);
        var usedFor = extraction.Triplets.Single(t => t.Relation == RelationSchema.UsedFor);
        Assert.Equal(("BERT", "question answering"), (usedFor.Head, usedFor.Tail));
        Assert.Equal("BERT is used for question answering.", TestOptions.Passage[usedFor.Start..usedFor.End]);
        var compare = extraction.Triplets.Single(t => t.Relation == RelationSchema.Compare);
        Assert.Equal("We compare BERT with ELMo on the SQuAD dataset.", TestOptions.Passage[compare.Start..compare.End]);
        foreach (var mention in extraction.Mentions)
        {
            Assert.Equal(mention.Surface, TestOptions.Passage[mention.Start..mention.End]);
        }

        Assert.Contains(extraction.Mentions, m => m.Surface == "SQuAD dataset");
        Assert.Contains(extraction.Mentions, m => m.Surface == "question answering" && m.Type == "Task");
        var usage = extractor.Ledger.Snapshot();
        Assert.Equal(1, usage.Calls);
        Assert.Equal(FakeChatServer.ReportedPromptTokens, usage.PromptTokens);
        Assert.Equal(3, usage.AcceptedTriplets);
    }

    [Fact(Timeout = 30_000)]
    public async Task AzureOpenAi_posts_to_the_deployment_route_with_api_version_and_key()
    {
        server.Script(ScriptedReply.Ok(Answers.Standard));
        var extractor = LlmExtractorFactory.Create(TestOptions.Azure(server.BaseAddress, cache.Path));

        var extraction = Assert.Single(await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/deployments/gf-extract/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal("test-key", request.Headers["api-key"]);
        Assert.Equal("json_schema", request.Body["response_format"]!["type"]!.GetValue<string>());
        Assert.Contains(TestOptions.Passage, request.AllMessageText, StringComparison.Ordinal);
        Assert.Equal(3, extraction.Triplets.Count);
        Assert.StartsWith("llm-azure-openai-gf-extract-", extractor.Name, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("")]
    [InlineData("/v1")]
    [InlineData("/v1/")]
    public async Task OpenAiCompatible_endpoint_with_or_without_v1_reaches_the_same_route(string suffix)
    {
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.Endpoint = server.BaseAddress.ToString().TrimEnd('/') + suffix;
        var extractor = LlmExtractorFactory.Create(options);

        await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None);

        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact(Timeout = 30_000)]
    public async Task Json_object_mode_and_no_structured_output_send_matching_formats()
    {
        server.Script(ScriptedReply.Ok(Answers.Standard));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.StructuredOutput = StructuredOutputModes.JsonObject;
        await LlmExtractorFactory.Create(options).ExtractAsync(TestOptions.OneChunk, CancellationToken.None);
        options.StructuredOutput = StructuredOutputModes.None;
        await LlmExtractorFactory.Create(options).ExtractAsync(TestOptions.OneChunk, CancellationToken.None);

        Assert.Equal("json_object", server.Requests[0].Body["response_format"]!["type"]!.GetValue<string>());
        Assert.Null(server.Requests[1].Body["response_format"]);
        Assert.Contains("\"triplets\"", server.Requests[1].MessageText(0), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Gleaning_sends_the_first_answer_back_and_merges_what_was_missed()
    {
        server.Script(
            ScriptedReply.Ok(Answers.Of(("BERT", "Used-for", "question answering"))),
            ScriptedReply.Ok(Answers.Of(("BERT", "Compare", "ELMo"))));
        var options = TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path);
        options.GleaningPasses = 1;
        var extractor = LlmExtractorFactory.Create(options);

        var extraction = Assert.Single(await extractor.ExtractAsync(TestOptions.OneChunk, CancellationToken.None));

        Assert.Equal(2, server.Requests.Count);
        var second = server.Requests[1];
        Assert.Equal(["system", "user", "assistant", "user"], Enumerable.Range(0, 4).Select(second.Role));
        Assert.Contains("question answering", second.MessageText(2), StringComparison.Ordinal);
        Assert.Contains("missed", second.MessageText(3), StringComparison.Ordinal);
        Assert.Equal([RelationSchema.Compare, RelationSchema.UsedFor], extraction.Triplets.Select(t => t.Relation).Order());
        Assert.EndsWith("-g1", extractor.Name, StringComparison.Ordinal);
    }
}
