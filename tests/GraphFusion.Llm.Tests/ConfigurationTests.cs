using GraphFusion.Core.Graph;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Extraction;
using GraphFusion.Llm.Tokens;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Llm.Tests;

public sealed class ConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Options_bind_from_the_llm_section()
    {
        var options = LlmOptionsReader.Read(Config(
            ("Llm:Provider", "Azure-OpenAI"),
            ("Llm:Endpoint", "https://example-resource.openai.azure.com/"),
            ("Llm:Model", "gpt-4o-mini"),
            ("Llm:GleaningPasses", "1"),
            ("Llm:DryRun", "true"),
            ("Llm:Budget:MaxRunTokens", "200000"),
            ("Llm:Budget:MaxDocumentTokens", "20000"),
            ("Llm:Pricing:InputPerMillionTokens", "0.15"),
            ("Llm:Resilience:MaxConcurrency", "8"),
            ("Llm:Resilience:RequestTimeout", "00:00:45"),
            ("Llm:Cache:Directory", "/tmp/llm-cache")));

        Assert.Equal(LlmProviders.AzureOpenAi, options.Provider);
        Assert.Null(options.ApiKey);
        Assert.Equal((1, true), (options.GleaningPasses, options.DryRun));
        Assert.Equal((200_000L, 20_000L, 0.15m), (options.Budget.MaxRunTokens, options.Budget.MaxDocumentTokens, options.Pricing.InputPerMillionTokens));
        Assert.Equal((8, TimeSpan.FromSeconds(45)), (options.Resilience.MaxConcurrency, options.Resilience.RequestTimeout));
        Assert.Equal("/tmp/llm-cache", options.Cache.Directory);
    }

    [Theory]
    [InlineData("openai-compatible", "", "llama3", "Llm:Endpoint")]
    [InlineData("openai-compatible", "http://127.0.0.1:11434", "", "Llm:Model")]
    [InlineData("azure-openai", "https://x.openai.azure.com", "", "deployment")]
    [InlineData("bedrock", "http://127.0.0.1:1", "m", "Llm:Provider")]
    public void Missing_or_wrong_settings_are_reported_by_key(string provider, string endpoint, string model, string expected)
    {
        var error = Assert.Throws<LlmConfigurationException>(() =>
            LlmOptionsReader.Read(Config(("Llm:Provider", provider), ("Llm:Endpoint", endpoint), ("Llm:Model", model))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:11434", "http://localhost:11434/v1")]
    [InlineData("http://localhost:11434/", "http://localhost:11434/v1")]
    [InlineData("http://gpu-box:8000/v1", "http://gpu-box:8000/v1")]
    [InlineData("http://gpu-box:8000/v1/chat/completions", "http://gpu-box:8000/v1")]
    [InlineData("https://api.example.com/openai/v1", "https://api.example.com/openai/v1")]
    public void OpenAi_compatible_endpoints_are_normalised(string given, string expected) =>
        Assert.Equal(new Uri(expected), OpenAiCompatibleEndpoint.Normalize(given));

    [Fact]
    public void Name_changes_with_provider_model_prompt_schema_and_gleaning()
    {
        var options = new LlmOptions { Endpoint = "http://127.0.0.1:1", Model = "qwen2.5:7b-instruct", Cache = new LlmCacheOptions { Enabled = false } };
        var name = LlmExtractorFactory.Create(options).Name;
        Assert.StartsWith("llm-openai-compatible-qwen2.5-7b-instruct-graphusion-v1-s", name, StringComparison.Ordinal);
        Assert.DoesNotContain(':', name);

        var smallerSchema = new RelationSchema(RelationSchema.Graphusion.Types.Take(3));
        options.GleaningPasses = 1;
        var names = new[]
        {
            name,
            LlmExtractorFactory.Create(options).Name,
            LlmExtractorFactory.Create(options, smallerSchema).Name,
            LlmExtractorFactory.Create(new LlmOptions { Endpoint = "http://127.0.0.1:1", Model = "llama3" }).Name,
        };
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void Token_counter_uses_tiktoken_for_openai_models_and_o200k_for_others()
    {
        var gpt = TiktokenTokenCounter.ForModel("gpt-4o");
        var llama = TiktokenTokenCounter.ForModel("llama3.1:8b");

        Assert.Equal("tiktoken:gpt-4o", gpt.Encoding);
        Assert.Equal("o200k_base", llama.Encoding);
        Assert.Equal(2, gpt.Count("hello world"));
        Assert.Equal("hello".Length, gpt.PrefixLength("hello world", 1));
    }

    [Fact]
    public void Long_chunks_split_into_sentence_aligned_passages_within_the_budget()
    {
        var counter = TiktokenTokenCounter.ForModel("gpt-4o");
        var text = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"Sentence number {i} talks about graph neural networks for link prediction."));

        var windows = PassageWindows.Split(text, counter, 60);

        Assert.True(windows.Count > 5);
        Assert.All(windows, w => Assert.InRange(counter.Count(text[w.Start..w.End]), 1, 60));
        Assert.All(windows, w => Assert.EndsWith(".", text[w.Start..w.End], StringComparison.Ordinal));
        Assert.Equal([new Validation.TextSpan(0, 10)], PassageWindows.Split("Short one.", counter, 60));
    }
}
