using System.Text;
using System.Text.Json;
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
using static GraphFusion.Testing.AlignmentToyGraphs;

namespace GraphFusion.Workflows.Tests;

/// <summary>
/// The AlignGraphs orchestration over local files: a job file names two graph folders and seeds, the run writes the pairs and a
/// report; a chat model's vote decides where the job asks for it; bad jobs and files fail with the file and the line.
/// </summary>
public sealed class AlignGraphsOrchestrationTests : IAsyncLifetime
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-align-job-").FullName;
    private string results = null!;
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        results = Path.Combine(work, "results");
        server = await FakeChatServer.StartAsync();
        AlignmentToyGraphs.WriteTo(work);
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
        Assert.All(AlignmentToyGraphs.Seeds, s => Assert.Equal(Name(RightEntities, s.Split('\t')[1]), pairs[Name(LeftEntities, s.Split('\t')[0])]));
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
        Write(work, "broken", LeftEntities, ["0\t0\t2", "1\t0", "5\t0\t4"]);
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
}
