using System.Text.Json;
using GraphFusion.Testing;

namespace GraphFusion.Cli.Tests;

/// <summary>
/// The chat model as the judge of a relation conflict, end to end: two documents disagree on how two concepts relate,
/// the re-fusion pass asks the model, and its verdict decides the exported relation.
/// </summary>
public sealed class LlmJudgeTests : IAsyncLifetime
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-judge-").FullName;
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        server.Responder = (request, _) =>
        {
            if (request.MessageText(0).Contains("You settle conflicts", StringComparison.Ordinal))
            {
                return ScriptedReply.Ok("Evaluate-for: the benchmark passage measures BERT on the task.");
            }

            var relation = request.MessageText(1).Contains("used for", StringComparison.Ordinal) ? "Used-for" : "Evaluate-for";
            return ScriptedReply.Ok($$"""
                {"entities":[{"name":"BERT","type":"Method"},{"name":"question answering","type":"Task"}],
                 "triplets":[{"head":"BERT","relation":"{{relation}}","tail":"question answering"}]}
                """);
        };
        await File.WriteAllTextAsync(Path.Combine(work, "a.txt"), "BERT is used for question answering.");
        await File.WriteAllTextAsync(Path.Combine(work, "b.txt"), "Question answering benchmarks evaluate BERT carefully.");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task The_configured_chat_model_settles_a_close_conflict_once()
    {
        var environment = new Dictionary<string, string>
        {
            ["Llm__Provider"] = "openai-compatible",
            ["Llm__Endpoint"] = server.BaseAddress.ToString(),
            ["Llm__Model"] = "local-model",
            ["Llm__Cache__Directory"] = Path.Combine(work, "llm-cache"),
        };

        var (code, output) = await CliProcess.RunAsync(work, environment, "ingest", "a.txt", "b.txt", "--store", "sqlite:graph.db", "--json", "graph.json");
        Assert.True(code == 0, output);
        Assert.Contains("Relation conflicts judged and novel triplets proposed by the chat model", output, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.MessageText(0).Contains("You settle conflicts", StringComparison.Ordinal));

        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "graph.json"))))
        {
            var relation = Assert.Single(json.RootElement.GetProperty("relations").EnumerateArray());
            Assert.Equal("Evaluate-for", relation.GetProperty("type").GetString());
            Assert.StartsWith("chat model local-model chose Evaluate-for over Used-for: ", relation.GetProperty("adjudication").GetString(), StringComparison.Ordinal);
            Assert.Equal(2, relation.GetProperty("evidence").GetArrayLength());
        }

        // The verdict holds while the claims are the same: another pass asks nothing.
        var before = server.Requests.Count;
        (code, output) = await CliProcess.RunAsync(work, environment, "refuse", "--store", "sqlite:graph.db");
        Assert.True(code == 0, output);
        Assert.Equal(before, server.Requests.Count);

        // Without a judge the evidence rule alone decides, and nothing is asked.
        (code, output) = await CliProcess.RunAsync(work, environment, "ingest", "a.txt", "b.txt", "--store", "sqlite:rule.db", "--judge", "none", "--json", "rule.json");
        Assert.True(code == 0, output);
        Assert.Equal(before, server.Requests.Count);
        using var rule = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "rule.json")));
        Assert.False(Assert.Single(rule.RootElement.GetProperty("relations").EnumerateArray()).TryGetProperty("adjudication", out _));
    }
}
