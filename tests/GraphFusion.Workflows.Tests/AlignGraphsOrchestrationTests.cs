using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Alignment;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Llm.Alignment;
using GraphFusion.Llm.Configuration;
using GraphFusion.Storage.Files;
using GraphFusion.Testing;
using GraphFusion.Workflows.Alignment;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Workflows.Tests;

/// <summary>
/// The AlignGraphs orchestration over local files: a job file names two graph folders and seeds, the run writes the pairs and a
/// report; a chat model's vote decides where the job asks for it; bad jobs and files fail with the file and the line.
/// </summary>
public sealed partial class AlignGraphsOrchestrationTests : IAsyncLifetime
{
    // Left (French) and right (English) graphs: relation 0 is "capital of", 1 "flows through", 2 "country".
    private static readonly string[] LeftEntities =
        ["0\tLondres", "1\tParis", "2\tRoyaume-Uni", "3\tFrance", "4\tAllemagne", "5\tBerlin", "6\tTamise", "7\tLyon"];

    private static readonly string[] LeftTriples = ["0\t0\t2", "1\t0\t3", "5\t0\t4", "6\t1\t0", "7\t2\t3"];

    private static readonly string[] RightEntities =
        ["10\tLondon", "11\tLondrina", "12\tParis", "13\tUnited Kingdom", "14\tFrance", "15\tGermany", "16\tBerlin", "17\tThames", "18\tBrazil", "19\tLyon", "20\tLyons Falls"];

    private static readonly string[] RightTriples = ["10\t0\t13", "12\t0\t14", "16\t0\t15", "17\t1\t10", "11\t2\t18", "19\t2\t14", "20\t2\t13"];

    private static readonly string[] Seeds = ["1\t12", "3\t14", "4\t15", "5\t16"];

    private static readonly Dictionary<string, string> Truth = new(StringComparer.Ordinal)
    {
        ["Londres"] = "London",
        ["Royaume-Uni"] = "United Kingdom",
        ["Tamise"] = "Thames",
        ["Lyon"] = "Lyon",
    };

    private readonly string work = Directory.CreateTempSubdirectory("gf-align-job-").FullName;
    private string results = null!;
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        results = Path.Combine(work, "results");
        server = await FakeChatServer.StartAsync();
        Write("left", LeftEntities, LeftTriples);
        Write("right", RightEntities, RightTriples);
        await File.WriteAllLinesAsync(Path.Combine(work, "seeds.tsv"), Seeds);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_job_aligns_its_graphs_and_writes_the_pairs_and_a_report()
    {
        var job = WriteJob("fr-en", new { left = Path.Combine(work, "left"), right = Path.Combine(work, "right"), seeds = Path.Combine(work, "seeds.tsv") });

        var outcome = await RunAsync(job);

        Assert.Equal(AlignmentOutcomes.Aligned, outcome.Status);
        Assert.Equal((8, 11, 4, 8), (outcome.LeftEntities, outcome.RightEntities, outcome.Seeds, outcome.PairsWritten));
        var left = AlignmentDatasetLoader.LoadGraph(Path.Combine(work, "left"), 1);
        var right = AlignmentDatasetLoader.LoadGraph(Path.Combine(work, "right"), 2);
        var expected = AlignmentPairsText.Format(left, right, new GraphAligner(left, right).Align(AlignmentDatasetLoader.ReadLinks(Path.Combine(work, "seeds.tsv"))));
        Assert.Equal(expected, await File.ReadAllTextAsync(outcome.Pairs!));

        var pairs = ReadPairs(outcome.Pairs!);
        Assert.All(Seeds, s => Assert.Equal(Name(RightEntities, s.Split('\t')[1]), pairs[Name(LeftEntities, s.Split('\t')[0])]));
        Assert.Equal(pairs.Count, pairs.Values.Distinct().Count());
        Assert.Equal("Aligned", Report(outcome).GetProperty("status").GetString());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_job_asking_for_llm_rounds_writes_the_models_vote()
    {
        server.Responder = (request, _) => ScriptedReply.Ok(InformedAnswer(request.MessageText(1)));
        var job = WriteJob("voted", new { left = Path.Combine(work, "left"), right = Path.Combine(work, "right"), seeds = Path.Combine(work, "seeds.tsv"), llmRounds = 3 });

        var outcome = await RunAsync(job, Refiner());

        Assert.Equal(AlignmentOutcomes.Aligned, outcome.Status);
        var answerable = server.Requests.Select(r => r.MessageText(1)).Where(p => CandidateNames(p).Contains(Truth[LeftName(p)])).Select(LeftName).Distinct().ToList();
        Assert.NotEmpty(answerable);
        Assert.Equal((3, answerable.Count), (outcome.LlmRounds, outcome.LlmDecided));
        var pairs = ReadPairs(outcome.Pairs!);
        Assert.All(answerable, name => Assert.Equal(Truth[name], pairs[name]));
    }

    public static TheoryData<string, string, string> BadJobs => new()
    {
        { "no-seeds", """{ "left": "{work}/left", "right": "{work}/right" }""", "no-seeds.json: 'seeds' is missing" },
        { "unknown-field", """{ "left": "{work}/left", "right": "{work}/right", "seeds": "{work}/seeds.tsv", "rouds": 2 }""", "unknown field 'rouds'" },
        { "absent-seeds", """{ "left": "{work}/left", "right": "{work}/right", "seeds": "{work}/absent.tsv" }""", "absent.tsv: not found" },
        { "bad-triples", """{ "left": "{work}/broken", "right": "{work}/right", "seeds": "{work}/seeds.tsv" }""", "broken/triples:2: expected 3 tab-separated fields" },
        { "no-model", """{ "left": "{work}/left", "right": "{work}/right", "seeds": "{work}/seeds.tsv", "llmRounds": 2 }""", "llmRounds is 2, but no chat model is configured" },
        { "not-json", "{ left: ", "not-json.json: not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadJobs))]
    public async Task A_bad_job_or_graph_file_fails_naming_the_file_and_writes_no_pairs(string name, string job, string error)
    {
        Write("broken", LeftEntities, ["0\t0\t2", "1\t0", "5\t0\t4"]);
        var path = WriteText(name, job.Replace("{work}", work, StringComparison.Ordinal));

        var outcome = await RunAsync(path);

        Assert.Equal(AlignmentOutcomes.Failed, outcome.Status);
        Assert.Contains(error, outcome.Error, StringComparison.Ordinal);
        Assert.Null(outcome.Pairs);
        Assert.False(File.Exists(Path.Combine(results, name, "pairs.tsv")));
        Assert.Equal(outcome.Error, Report(outcome).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_job_edited_after_it_was_requested_is_left_to_the_newer_run()
    {
        var job = WriteJob("edited", new { left = Path.Combine(work, "left"), right = Path.Combine(work, "right"), seeds = Path.Combine(work, "seeds.tsv") });

        var outcome = await RunAsync(job, contentHash: StableId.ContentHash(Encoding.UTF8.GetBytes("{}")));

        Assert.Equal(AlignmentOutcomes.Superseded, outcome.Status);
        Assert.False(Directory.Exists(Path.Combine(results, "edited")));
    }

    private async Task<AlignGraphsOutcome> RunAsync(string job, IAlignmentRefiner? refiner = null, string? contentHash = null)
    {
        var activities = new AlignmentActivities(new AlignGraphsStep(new FileReferenceSource(), new FileAlignmentOutput(results), refiner));
        await using var host = await LocalDurableHost.StartAsync(registry => registry.AddGraphFusionAlignment(() => activities), 4, CancellationToken.None);
        var request = new AlignGraphsRequest(job, contentHash ?? StableId.ContentHash(await File.ReadAllBytesAsync(job)));
        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(AlignmentActivityNames.AlignGraphs, request);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, metadata.FailureDetails?.ToString());
        return metadata.ReadOutputAs<AlignGraphsOutcome>()!;
    }

    private IAlignmentRefiner Refiner() => new LlmAlignmentRefiner(LlmAlignerFactory.Create(new LlmOptions
    {
        Provider = "openai-compatible",
        Endpoint = server.BaseAddress.ToString(),
        Model = "local-model",
        Cache = new LlmCacheOptions { Directory = Path.Combine(work, "llm-cache") },
    }).Voter);

    private string WriteJob(string name, object job) => WriteText(name, JsonSerializer.Serialize(job));

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(work, $"{name}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Report(AlignGraphsOutcome outcome) => JsonDocument.Parse(File.ReadAllText(outcome.Report!)).RootElement.Clone();

    private static string InformedAnswer(string prompt)
    {
        var candidates = CandidateNames(prompt);
        return Truth.TryGetValue(LeftName(prompt), out var name) && candidates.IndexOf(name) is >= 0 and var position
            ? (position + 1).ToString(CultureInfo.InvariantCulture)
            : "0";
    }

    private static string LeftName(string prompt) => EntityLine().Match(prompt).Groups[1].Value.Trim();

    private static List<string> CandidateNames(string prompt) => [.. CandidateLine().Matches(prompt).Select(m => m.Groups[1].Value.Trim())];

    private static Dictionary<string, string> ReadPairs(string path) =>
        File.ReadAllLines(path).Select(l => l.Split('\t')).ToDictionary(f => Name(LeftEntities, f[0]), f => Name(RightEntities, f[1]), StringComparer.Ordinal);

    private static string Name(string[] entities, string id) => entities.Single(e => e.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t')[1];

    private void Write(string folder, string[] entities, string[] triples)
    {
        var path = Directory.CreateDirectory(Path.Combine(work, folder)).FullName;
        File.WriteAllLines(Path.Combine(path, "ent_ids"), entities.Select(e => e.Split('\t') is var f ? $"{f[0]}\thttp://example.org/{folder}/{f[1].Replace(' ', '_')}" : e));
        File.WriteAllLines(Path.Combine(path, "triples"), triples);
    }

    [GeneratedRegex(@"^Entity: ([^(\n]+)", RegexOptions.Multiline)]
    private static partial Regex EntityLine();

    [GeneratedRegex(@"^\d+\. ([^(\n]+)", RegexOptions.Multiline)]
    private static partial Regex CandidateLine();
}
