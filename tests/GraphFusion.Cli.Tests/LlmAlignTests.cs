using System.Globalization;
using System.Text.RegularExpressions;
using GraphFusion.Testing;
using static GraphFusion.Testing.AlignmentToyGraphs;

namespace GraphFusion.Cli.Tests;

/// <summary>
/// <c>graphfusion align --llm-rounds N</c> end to end against a local server speaking the chat-completions protocol: the
/// model's votes over reshuffled candidates change the written pairs, a model that always answers the first position
/// wins nothing, and a rerun is answered from the cache.
/// </summary>
public sealed partial class LlmAlignTests : IAsyncLifetime
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-align-").FullName;
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        AlignmentToyGraphs.WriteTo(work);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task The_chat_models_vote_over_shuffled_candidates_decides_the_written_pairs()
    {
        var (code, output) = await AlignAsync("plain.tsv", cache: "cache-plain", llmRounds: 0);
        Assert.True(code == 0, output);
        Assert.Empty(server.Requests);
        var plain = ReadPairs("plain.tsv");

        server.Responder = (request, _) => ScriptedReply.Ok(InformedAnswer(request.MessageText(1)));
        (code, output) = await AlignAsync("informed.tsv", cache: "cache-informed", llmRounds: 3);
        Assert.True(code == 0, output);
        var informed = ReadPairs("informed.tsv");

        // Each asked entity got one round per candidate at most three, each round in another order of the same candidates.
        var asked = server.Requests.GroupBy(r => LeftName(r.MessageText(1))).ToList();
        Assert.NotEmpty(asked);
        foreach (var rounds in asked)
        {
            var candidates = CandidateNames(rounds.First().MessageText(1));
            Assert.Equal(Math.Min(3, candidates.Count), rounds.Count());
            Assert.Equal(rounds.Count(), rounds.Select(r => string.Join('|', CandidateNames(r.MessageText(1)))).Distinct().Count());
            Assert.Single(rounds.Select(r => string.Join('|', CandidateNames(r.MessageText(1)).Order(StringComparer.Ordinal))).Distinct());
        }

        // Where the right entity was among the candidates, the model's unanimous choice is what was written.
        var answerable = asked.Where(g => CandidateNames(g.First().MessageText(1)).Contains(Truth[g.Key])).Select(g => g.Key).ToList();
        Assert.Equal(answerable.Count, DecidedCount(output));
        Assert.All(answerable, name => Assert.Equal(Truth[name], informed[name]));
        Assert.Contains(answerable, name => plain.GetValueOrDefault(name) != Truth[name]);
        Assert.All(Seeds, s => Assert.Equal(Name(RightEntities, s.Split('\t')[1]), informed[Name(LeftEntities, s.Split('\t')[0])]));

        // A rerun with the same cache asks nothing and writes the same pairs.
        var requests = server.Requests.Count;
        (code, output) = await AlignAsync("informed-again.tsv", cache: "cache-informed", llmRounds: 3);
        Assert.True(code == 0, output);
        Assert.Equal(requests, server.Requests.Count);
        Assert.Equal(informed, ReadPairs("informed-again.tsv"));

        // A model that always answers "1" sees a different candidate first each round: its votes split and nothing changes.
        server.Responder = (_, _) => ScriptedReply.Ok("1");
        (code, output) = await AlignAsync("biased.tsv", cache: "cache-biased", llmRounds: 3);
        Assert.True(code == 0, output);
        Assert.Equal(0, DecidedCount(output));
        Assert.True(server.Requests.Count > requests, "the biased model was asked");
        Assert.Equal(plain, ReadPairs("biased.tsv"));
    }

    [Fact]
    public async Task Llm_rounds_without_a_configured_model_is_a_clear_error()
    {
        var (code, output) = await CliProcess.RunAsync(
            work, new Dictionary<string, string> { ["Llm__Provider"] = "" }, "align", "--left", "left", "--right", "right", "--seeds", "seeds.tsv", "--out", "x.tsv", "--llm-rounds", "2");

        Assert.NotEqual(0, code);
        Assert.Contains("--llm-rounds needs Llm__Provider, Llm__Endpoint and Llm__Model", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "x.tsv")));
    }

    private Task<(int ExitCode, string Output)> AlignAsync(string output, string cache, int llmRounds)
    {
        var environment = new Dictionary<string, string>
        {
            ["Llm__Provider"] = "openai-compatible",
            ["Llm__Endpoint"] = server.BaseAddress.ToString(),
            ["Llm__Model"] = "local-model",
            ["Llm__Cache__Directory"] = Path.Combine(work, cache),
        };
        return CliProcess.RunAsync(
            work, environment, "align", "--left", "left", "--right", "right", "--seeds", "seeds.tsv", "--out", output, "--llm-rounds", llmRounds.ToString(CultureInfo.InvariantCulture));
    }

    private Dictionary<string, string> ReadPairs(string file) => AlignmentToyGraphs.ReadPairs(Path.Combine(work, file));

    private static int DecidedCount(string output) =>
        int.Parse(DecidedLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(output), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Chat model decided (\d+) entities")]
    private static partial Regex DecidedLine();
}
