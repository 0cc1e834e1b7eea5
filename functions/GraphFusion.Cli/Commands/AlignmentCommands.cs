using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Alignment;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Llm;
using GraphFusion.Llm.Alignment;
using GraphFusion.Storage.Files;
using GraphFusion.Workflows.Alignment;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;

namespace GraphFusion.Cli.Commands;

/// <summary>
/// <c>graphfusion eval alignment</c>, <c>graphfusion align</c> and <c>graphfusion align-job</c>: knowledge-graph alignment from seed pairs,
/// by names and structure, without a language model.
/// </summary>
internal static class AlignmentCommands
{
    private const string GraphFolderHelp =
        "Folder with ent_ids (id<TAB>URI) and triples (head<TAB>relation<TAB>tail); ent_ids_N/triples_N of a DBP15K folder also work";

    /// <summary><c>graphfusion eval alignment --data DIR [--holdout F] [--seed N] [--json]</c>.</summary>
    public static Command EvalAlignment()
    {
        var data = new Option<string>("--data") { Description = "DBP15K-format folder: ent_ids_1/2, triples_1/2, train_links, optional test_links", Required = true };
        var holdout = new Option<double>("--holdout") { Description = "Share of train_links held out for testing when there is no test_links", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the holdout split (and of --random-names)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var randomNames = new Option<bool>("--random-names") { Description = "Replace every name by a random string, so that structure alone must align" };
        var tuning = TuningOptions.Create();
        var command = new Command("alignment", "Hits@1, Hits@10 and MRR of graph alignment on held-out links")
        {
            data, holdout, seed, json, randomNames,
        };
        tuning.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var stopwatch = Stopwatch.StartNew();
            var dataset = AlignmentDatasetLoader.Load(parse.GetValue(data)!);
            if (parse.GetValue(randomNames))
            {
                dataset = RandomNames.Apply(dataset, parse.GetValue(seed));
            }

            var split = LinkSplit.Of(dataset, parse.GetValue(holdout), parse.GetValue(seed));
            var result = AlignmentEvaluator.Evaluate(dataset, split, tuning.Read(parse), cancellationToken);
            stopwatch.Stop();
            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(parse.GetValue(json)
                ? Json(result, stopwatch.Elapsed.TotalSeconds, peakMb, dataset.TestLinks is { Count: > 0 })
                : Text(result, stopwatch.Elapsed.TotalSeconds, peakMb, dataset.TestLinks is { Count: > 0 }));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary><c>graphfusion align --left DIR --right DIR --seeds PATH --out PATH</c>.</summary>
    public static Command Align()
    {
        var left = new Option<string>("--left") { Description = GraphFolderHelp + " (side 1)", Required = true };
        var right = new Option<string>("--right") { Description = GraphFolderHelp + " (side 2)", Required = true };
        var seeds = new Option<string>("--seeds") { Description = "Known pairs, one per line: left id<TAB>right id", Required = true };
        var output = new Option<string>("--out") { Description = "File to write: left id<TAB>right id<TAB>score per line (seeds score 1)", Required = true };
        var llmRounds = new Option<int>("--llm-rounds") { Description = "Let the configured chat model (Llm__*) vote this many rounds, candidates reshuffled each round, over each entity's top candidates (0: no model)" };
        var tuning = TuningOptions.Create();
        var command = new Command("align", "Align two knowledge graphs from seed pairs (names and structure; optionally a chat model's vote)")
        {
            left, right, seeds, output, llmRounds,
        };
        tuning.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stopwatch = Stopwatch.StartNew();
            var leftGraph = AlignmentDatasetLoader.LoadGraph(parse.GetValue(left)!, 1);
            var rightGraph = AlignmentDatasetLoader.LoadGraph(parse.GetValue(right)!, 2);
            var seedLinks = AlignmentDatasetLoader.ReadLinks(parse.GetValue(seeds)!);
            var aligner = new GraphAligner(leftGraph, rightGraph, tuning.Read(parse));
            var pairs = aligner.Align(seedLinks, cancellationToken);
            if (parse.GetValue(llmRounds) is > 0 and var rounds)
            {
                var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
                if (!ExtractorSelection.IsLlmConfigured(configuration))
                {
                    throw new ArgumentException("--llm-rounds needs Llm__Provider, Llm__Endpoint and Llm__Model in the environment");
                }

                var (voter, ledger) = LlmAlignerFactory.Create(configuration);
                var refined = await new LlmAlignmentRefiner(voter).RefineAsync(aligner, leftGraph, rightGraph, seedLinks, pairs, rounds, cancellationToken);
                pairs = refined.Pairs;
                Console.WriteLine($"Chat model decided {refined.Decided} entities and changed {refined.Changed} pairs; {ledger.Describe()}");
            }

            var path = parse.GetValue(output)!;
            await File.WriteAllTextAsync(path, AlignmentPairsText.Format(leftGraph, rightGraph, pairs), cancellationToken);
            Console.WriteLine($"Wrote {pairs.Count} pairs ({seedLinks.Count} seeds) to {Path.GetFullPath(path)} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            return 0;
        });
        return command;
    }

    /// <summary><c>graphfusion align-job JOB [--results DIR]</c>: a job file run through the AlignGraphs orchestration in this process.</summary>
    public static Command AlignJob()
    {
        var job = new Argument<string>("job") { Description = "Job file as dropped into alignments/: { \"left\": DIR, \"right\": DIR, \"seeds\": FILE, \"llmRounds\": N, ... } (local paths)" };
        var results = new Option<string>("--results") { Description = "Folder the results go to: RESULTS/<job name>/pairs.tsv and report.json", DefaultValueFactory = _ => "alignment-results" };
        var command = new Command("align-job", "Run an alignment job file through the AlignGraphs orchestration, as the Functions app does for alignments/*.json")
        {
            job, results,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(job)!);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such job file", path);
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var (refiner, ledger) = ExtractorSelection.IsLlmConfigured(configuration) && LlmAlignerFactory.Create(configuration) is var (voter, used)
                ? (new LlmAlignmentRefiner(voter), used)
                : (null, null);
            var activities = new AlignmentActivities(new AlignGraphsStep(new FileReferenceSource(), new FileAlignmentOutput(parse.GetValue(results)!), refiner));
            await using var host = await LocalDurableHost.StartAsync(registry => registry.AddGraphFusionAlignment(() => activities), 4, cancellationToken);
            var request = new AlignGraphsRequest(path, StableId.ContentHash(await File.ReadAllBytesAsync(path, cancellationToken)));
            var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(
                AlignmentActivityNames.AlignGraphs, request, new StartOrchestrationOptions($"{AlignGraphsOrchestration.InstanceId(request)}-{Guid.NewGuid():N}"), cancellationToken);
            var metadata = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cancellationToken);
            var outcome = metadata.ReadOutputAs<AlignGraphsOutcome>()
                ?? throw new InvalidOperationException($"AlignGraphs ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
            if (outcome.Status != AlignmentOutcomes.Aligned)
            {
                await Console.Error.WriteLineAsync($"{outcome.Status}: {outcome.Error} (report: {outcome.Report})");
                return 1;
            }

            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Aligned {outcome.LeftEntities:N0} × {outcome.RightEntities:N0} entities from {outcome.Seeds:N0} seeds: {outcome.PairsWritten:N0} pairs in {outcome.Seconds:0.0} s (peak memory {peakMb:0} MB)"));
            if (outcome.LlmRounds > 0)
            {
                Console.WriteLine($"Chat model decided {outcome.LlmDecided} entities and changed {outcome.LlmChanged} pairs; {ledger!.Describe()}");
            }

            Console.WriteLine($"Pairs: {outcome.Pairs}{Environment.NewLine}Report: {outcome.Report}");
            return 0;
        });
        return command;
    }

    private static string Text(AlignmentEvaluation result, double seconds, double peakMb, bool fromTestLinks)
    {
        var m = result.Metrics;
        var i = result.IndependentMetrics;
        var inv = CultureInfo.InvariantCulture;
        return string.Join(
            Environment.NewLine,
            string.Format(inv, "Test pairs: {0} ({1}); seeds: {2}; matches propagated from them: {3}", result.TestPairs, fromTestLinks ? "test_links" : "held out of train_links", result.SeedPairs, result.PropagatedPairs),
            $"Protocol: {result.Protocol}",
            string.Format(inv, "Hits@1 {0:0.0000}  Hits@10 {1:0.0000}  MRR {2:0.0000}  (one-to-one assignment over the candidates)", m.HitsAt1, m.HitsAt10, m.MeanReciprocalRank),
            string.Format(inv, "Hits@1 {0:0.0000}  Hits@10 {1:0.0000}  MRR {2:0.0000}  (each entity ranked on its own)", i.HitsAt1, i.HitsAt10, i.MeanReciprocalRank),
            string.Format(inv, "Time {0:0.0} s; peak memory {1:0} MB", seconds, peakMb));
    }

    private static string Json(AlignmentEvaluation result, double seconds, double peakMb, bool fromTestLinks) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hits_at_1"] = Math.Round(result.Metrics.HitsAt1, 4),
            ["hits_at_10"] = Math.Round(result.Metrics.HitsAt10, 4),
            ["mrr"] = Math.Round(result.Metrics.MeanReciprocalRank, 4),
            ["hits_at_1_independent"] = Math.Round(result.IndependentMetrics.HitsAt1, 4),
            ["hits_at_10_independent"] = Math.Round(result.IndependentMetrics.HitsAt10, 4),
            ["mrr_independent"] = Math.Round(result.IndependentMetrics.MeanReciprocalRank, 4),
            ["test_pairs"] = result.TestPairs,
            ["test_source"] = fromTestLinks ? "test_links" : "holdout of train_links",
            ["seed_pairs"] = result.SeedPairs,
            ["propagated_pairs"] = result.PropagatedPairs,
            ["protocol"] = result.Protocol,
            ["time_seconds"] = Math.Round(seconds, 2),
            ["peak_memory_mb"] = Math.Round(peakMb, 1),
        });

    /// <summary>The aligner's tuning options, shared by both commands.</summary>
    private sealed class TuningOptions
    {
        private readonly Option<float> _nameWeight = new("--name-weight") { Description = "Weight of name similarity (0 ignores names)", DefaultValueFactory = _ => new GraphAlignerOptions().NameWeight };
        private readonly Option<float> _structureWeight = new("--structure-weight") { Description = "Weight of structural similarity", DefaultValueFactory = _ => new GraphAlignerOptions().StructureWeight };
        private readonly Option<float> _acceptScore = new("--accept-score") { Description = "Lowest score at which a mutual-best match becomes a seed for the next round", DefaultValueFactory = _ => new GraphAlignerOptions().AcceptScore };
        private readonly Option<int> _rounds = new("--rounds") { Description = "Self-training rounds", DefaultValueFactory = _ => new GraphAlignerOptions().Rounds };
        private readonly Option<bool> _expandSeeds = new("--expand-seeds")
        {
            Description = "Keep every round's accepted matches as seeds of the next, so the matched set grows round by round (--expand-seeds false: each round starts from the given seeds)",
            DefaultValueFactory = _ => new GraphAlignerOptions().ExpandSeeds,
        };

        public static TuningOptions Create() => new();

        public void AddTo(Command command)
        {
            command.Options.Add(_nameWeight);
            command.Options.Add(_structureWeight);
            command.Options.Add(_rounds);
            command.Options.Add(_acceptScore);
            command.Options.Add(_expandSeeds);
        }

        public GraphAlignerOptions Read(ParseResult parse) => new()
        {
            NameWeight = parse.GetValue(_nameWeight),
            StructureWeight = parse.GetValue(_structureWeight),
            Rounds = parse.GetValue(_rounds),
            AcceptScore = parse.GetValue(_acceptScore),
            ExpandSeeds = parse.GetValue(_expandSeeds),
        };
    }
}
