using System.Text.Json;
using System.Text.RegularExpressions;
using GraphFusion.Testing;

namespace GraphFusion.Cli.Tests;

/// <summary>
/// The chat model proposing a novel triplet, end to end: an imported graph links BERT and SQuAD only through question
/// answering, the re-fusion pass asks the model about the pair, and its answer becomes an inferred relation with its reason.
/// </summary>
public sealed partial class LlmProposalTests : IAsyncLifetime
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-propose-").FullName;
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        server.Responder = (request, _) => ScriptedReply.Ok(request.MessageText(0).Contains("You complete a knowledge graph", StringComparison.Ordinal)
            ? $"{SquadEvaluatesBert(request.MessageText(1))} - SQuAD is a benchmark that evaluates BERT on question answering."
            : "0 - not asked for this");
        await File.WriteAllLinesAsync(Path.Combine(work, "graph.txt"), ["(BERT, Used-for, question answering)", "(SQuAD, Evaluate-for, question answering)"]);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task The_configured_chat_model_proposes_a_relation_between_concepts_that_share_a_neighbour()
    {
        var environment = new Dictionary<string, string>
        {
            ["Llm__Provider"] = "openai-compatible",
            ["Llm__Endpoint"] = server.BaseAddress.ToString(),
            ["Llm__Model"] = "local-model",
            ["Llm__Cache__Directory"] = Path.Combine(work, "llm-cache"),
        };
        var (code, output) = await CliProcess.RunAsync(work, null, "fuse", "--triples", "graph.txt", "--store", "sqlite:graph.db");
        Assert.True(code == 0, output);

        (code, output) = await CliProcess.RunAsync(work, environment, "refuse", "--store", "sqlite:graph.db", "--no-link-prediction");
        Assert.True(code == 0, output);
        var proposals = server.Requests.Where(r => r.MessageText(0).Contains("You complete a knowledge graph", StringComparison.Ordinal)).ToList();
        var asked = Assert.Single(proposals).MessageText(1);
        Assert.Contains("question answering", asked, StringComparison.Ordinal);
        Assert.Contains("Passages:", asked, StringComparison.Ordinal);

        var proposal = await ProposalAsync(environment);
        Assert.Equal(("SQuAD", "Evaluate-for", "BERT"), (proposal.Head, proposal.Type, proposal.Tail));
        Assert.StartsWith("proposed by chat model local-model: SQuAD is a benchmark that evaluates BERT", proposal.Reasoning, StringComparison.Ordinal);

        // Another pass asks the cache, not the model, and keeps the proposal.
        var before = server.Requests.Count;
        (code, output) = await CliProcess.RunAsync(work, environment, "refuse", "--store", "sqlite:graph.db", "--no-link-prediction");
        Assert.True(code == 0, output);
        Assert.Equal(before, server.Requests.Count);
        Assert.Equal(proposal, await ProposalAsync(environment));

        // Without a chat model nobody proposes, and the proposal made before stays until a proposal pass replaces it.
        (code, output) = await CliProcess.RunAsync(work, null, "refuse", "--store", "sqlite:graph.db", "--judge", "none", "--no-link-prediction");
        Assert.True(code == 0, output);
        Assert.Equal(before, server.Requests.Count);
        Assert.Equal(proposal, await ProposalAsync(environment));
    }

    private async Task<(string Head, string Type, string Tail, string Reasoning)> ProposalAsync(Dictionary<string, string> environment)
    {
        var (code, output) = await CliProcess.RunAsync(work, environment, "export", "--store", "sqlite:graph.db", "--format", "json", "--out", "graph.json");
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "graph.json")));
        var names = json.RootElement.GetProperty("entities").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("name").GetString()!);
        var relation = Assert.Single(json.RootElement.GetProperty("relations").EnumerateArray(), r => r.GetProperty("inferred").GetBoolean());
        return (names[relation.GetProperty("head").GetString()!], relation.GetProperty("type").GetString()!, names[relation.GetProperty("tail").GetString()!],
            relation.GetProperty("reasoning").GetString()!);
    }

    // The number of the option "SQuAD Evaluate-for BERT", whichever of the two the prompt calls A.
    private static string SquadEvaluatesBert(string prompt)
    {
        var squadIs = OptionLine().Match(prompt).Success && prompt.Contains("A: SQuAD", StringComparison.Ordinal) ? "A" : "B";
        var bertIs = squadIs == "A" ? "B" : "A";
        return OptionLine().Matches(prompt).First(m => m.Groups[2].Value == $"{squadIs} Evaluate-for {bertIs}").Groups[1].Value;
    }

    [GeneratedRegex(@"^(\d+)\. ([AB] [^:]+ [AB]):", RegexOptions.Multiline)]
    private static partial Regex OptionLine();
}
