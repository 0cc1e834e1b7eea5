using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Seeds;
using GraphFusion.Inference;
using GraphFusion.Workflows.Seeds;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Cli.Commands;

/// <summary>
/// <c>graphfusion seeds --corpus PATH [--concepts FILE] [--top N] [--store LOCATION [--name NAME]] [--json]</c>: seed concepts
/// of a corpus by topic modelling; with <c>--store</c> through the BuildSeeds orchestration, which keeps the model in the
/// store and updates it in place when few documents were added since;
/// <c>graphfusion eval seeds --corpus PATH --gold PATH [--concepts FILE] [--json]</c>: their recall of a gold concept list.
/// </summary>
internal static class SeedCommands
{
    private static readonly int[] RecallCutoffs = [100, 300, 687, 1000];

    /// <summary>The top-level <c>seeds</c> command.</summary>
    public static Command Seeds()
    {
        var corpus = CorpusOption();
        var concepts = ConceptsOption();
        var threshold = ThresholdOption();
        var top = new Option<int>("--top") { Description = "How many seed concepts to print", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the seeds as JSON" };
        var store = new Option<string?>("--store")
        {
            Description = "Keep the seed model in this graph store (sqlite:PATH or cosmos:ENDPOINT) and update it in place when the corpus grew a little",
        };
        var name = new Option<string?>("--name") { Description = "Name of the seed model in the store (default: the corpus file's name)" };
        var command = new Command("seeds", "Find the seed concepts of a corpus (one document per line) by topic modelling")
        {
            corpus, concepts, threshold, top, store, name, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var encoder = new MiniLmEncoder();
            var corpusPath = parse.GetValue(corpus)!;
            var seeds = parse.GetValue(store) is { } location
                ? await BuildInStoreAsync(
                    location, parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(corpusPath), ReadCorpus(corpusPath), encoder,
                    parse.GetValue(concepts), parse.GetValue(threshold), parse.GetValue(top), cancellationToken)
                : await FindSeedsAsync(
                    ReadCorpus(corpusPath), encoder, parse.GetValue(concepts), parse.GetValue(threshold), parse.GetValue(top), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(seeds.Concepts.Select(c => new
                {
                    name = c.Name,
                    source = c.Source == SeedSource.User ? "user" : "topic-model",
                    score = Math.Round(c.Score, 4),
                    clusters = c.Clusters,
                    documents = c.Documents,
                    description = c.Description,
                })));
            }
            else
            {
                foreach (var (concept, rank) in seeds.Concepts.Select((c, i) => (c, i + 1)))
                {
                    var source = concept.Source == SeedSource.User ? "user" : string.Create(CultureInfo.InvariantCulture, $"{concept.Score:F2}");
                    Console.WriteLine($"{rank,5}  {concept.Name}  ({source}; {concept.Documents.Count} documents)");
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>The <c>eval seeds</c> subcommand.</summary>
    public static Command EvalSeeds()
    {
        var corpus = CorpusOption();
        var gold = new Option<string>("--gold") { Description = "Gold concept list, one `id|name` per line (e.g. gold_concepts.tsv)", Required = true };
        var concepts = ConceptsOption();
        var threshold = ThresholdOption();
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON" };
        var command = new Command("seeds", "Recall of gold concepts among the top-K seed concepts, by normalised name and by embedding")
        {
            corpus, gold, concepts, threshold, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var started = Stopwatch.StartNew();
            var documents = ReadCorpus(parse.GetValue(corpus)!);
            var goldNames = SeedEvaluation.ReadGold(RequireFile(parse.GetValue(gold)!));
            using var encoder = new MiniLmEncoder();
            var seeds = await FindSeedsAsync(documents, encoder, parse.GetValue(concepts), parse.GetValue(threshold), RecallCutoffs.Max(), cancellationToken);
            var seedEmbeddings = await encoder.EmbedAsync([.. seeds.Concepts.Select(c => c.Name)], cancellationToken);
            var goldEmbeddings = await encoder.EmbedAsync(goldNames, cancellationToken);
            var keys = seeds.Concepts.Select(c => c.Key).ToArray();
            var exact = RecallCutoffs.ToDictionary(k => k.ToString(CultureInfo.InvariantCulture), k => Math.Round(SeedEvaluation.ExactRecallAt(keys, goldNames, k), 4));
            var embedding = RecallCutoffs.ToDictionary(k => k.ToString(CultureInfo.InvariantCulture), k => Math.Round(SeedEvaluation.EmbeddingRecallAt(seedEmbeddings, goldEmbeddings, k), 4));
            var ceiling = Math.Round(SeedEvaluation.Ceiling(goldNames, documents), 4);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["recall_at"] = exact,
                    ["recall_at_embedding"] = embedding,
                    ["ceiling"] = ceiling,
                    ["documents"] = documents.Count,
                    ["gold"] = goldNames.Count,
                    ["clusters"] = seeds.Clusters,
                    ["seconds"] = Math.Round(started.Elapsed.TotalSeconds, 1),
                }));
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                Console.WriteLine(string.Create(c, $"{documents.Count} documents, {seeds.Clusters} clusters, {goldNames.Count} gold concepts; exact-match ceiling {ceiling:F4}"));
                foreach (var k in RecallCutoffs)
                {
                    var key = k.ToString(c);
                    Console.WriteLine(string.Create(c, $"recall@{k,-5} exact {exact[key]:F4}  embedding (cosine >= {SeedEvaluation.DefaultEmbeddingThreshold:F2}) {embedding[key]:F4}"));
                }

                Console.WriteLine(string.Create(c, $"{started.Elapsed.TotalSeconds:F1} s"));
            }

            return 0;
        });
        return command;
    }

    private static async Task<FoundSeeds> FindSeedsAsync(
        IReadOnlyList<string> documents, MiniLmEncoder encoder, string? conceptsPath, double? threshold, int top, CancellationToken cancellationToken)
    {
        var userConcepts = conceptsPath is null ? [] : UserConceptReader.Read(RequireFile(conceptsPath));
        var options = threshold is { } t ? new SeedModelOptions { DistanceThreshold = t } : new SeedModelOptions();
        var model = await SeedModelBuilder.BuildAsync(documents, encoder, options, cancellationToken);
        return new FoundSeeds(await SeedSelection.SelectAsync(model, encoder, userConcepts, top, cancellationToken), model.Clusters.Count);
    }

    private static async Task<FoundSeeds> BuildInStoreAsync(
        string location, string name, IReadOnlyList<string> documents, MiniLmEncoder encoder, string? conceptsPath, double? threshold, int top,
        CancellationToken cancellationToken)
    {
        var userConcepts = conceptsPath is null ? [] : UserConceptReader.Read(RequireFile(conceptsPath));
        var options = threshold is { } t ? new SeedModelOptions { DistanceThreshold = t } : new SeedModelOptions();
        await using var graph = new StoreHandle(await StoreLocation.OpenAsync(location, cancellationToken));
        await using var host = await LocalDurableHost.StartAsync(
            registry => registry.AddGraphFusionSeeds(() => new SeedActivities(graph.Store, encoder)), 16, cancellationToken);
        var request = new BuildSeedsRequest(name, documents, userConcepts, top, options);
        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            SeedActivityNames.BuildSeeds, request, new StartOrchestrationOptions($"{BuildSeedsOrchestration.InstanceId(name)}-{Guid.NewGuid():N}"), cancellationToken);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cancellationToken);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"BuildSeeds ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        }

        var summary = metadata.ReadOutputAs<SeedModelSummary>()!;
        await Console.Error.WriteLineAsync(summary.Incremental
            ? $"Seed model '{name}' updated in place: {summary.Documents} documents, {summary.RecomputedClusters.Count} of {summary.Clusters} clusters recomputed."
            : $"Seed model '{name}' built: {summary.Documents} documents, {summary.Clusters} clusters.");
        return new FoundSeeds(summary.Seeds, summary.Clusters);
    }

    private static Option<string> CorpusOption() =>
        new("--corpus") { Description = "Corpus file, one document per line (e.g. abstracts.txt)", Required = true };

    private static Option<string?> ConceptsOption() =>
        new("--concepts") { Description = "Your own concepts, one per line, optionally `name<TAB>description`; always kept, ranked first" };

    private static Option<double?> ThresholdOption() =>
        new("--threshold") { Description = "Cosine distance under which document clusters merge (default 0.5); the number of topics follows from it" };

    private static IReadOnlyList<string> ReadCorpus(string path) => SeedCorpusReader.Read(RequireFile(path));

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"File not found: {path}", path);

    private sealed record FoundSeeds(IReadOnlyList<SeedConcept> Concepts, int Clusters);
}
