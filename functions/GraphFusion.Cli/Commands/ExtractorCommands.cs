using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GraphFusion.Inference.Extraction;
using GraphFusion.Inference.Training;

namespace GraphFusion.Cli.Commands;

/// <summary>
/// <c>graphfusion train extractor --train PATH --dev PATH --out DIR</c> and
/// <c>graphfusion eval extraction --data PATH [--json] [--model DIR]</c>: the SciERC-trained span/relation extractor.
/// </summary>
internal static class ExtractorCommands
{
    /// <summary>The <c>train</c> parent command.</summary>
    public static Command Train() => new("train", "Train the offline models") { TrainExtractor() };

    private static Command TrainExtractor()
    {
        var train = new Option<string>("--train") { Description = "SciERC training split (DyGIE JSON lines, e.g. train.json)", Required = true };
        var dev = new Option<string>("--dev") { Description = "SciERC development split used to choose epochs and thresholds (dev.json)", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the weights (extractor.bin) and the model card (model.json)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 13 };
        var layer = new Option<int>("--layer") { Description = "Encoder hidden state the classifiers read (0..6)", DefaultValueFactory = _ => 4 };
        var spanEpochs = new Option<int>("--span-epochs") { Description = "Epochs of the span classifier", DefaultValueFactory = _ => 12 };
        var relationEpochs = new Option<int>("--relation-epochs") { Description = "Epochs of the relation classifier", DefaultValueFactory = _ => 20 };
        var cache = new Option<string?>("--feature-cache") { Description = "Folder to keep encoder features in between runs" };
        var command = new Command("extractor", "Train the span entity and relation extractor on SciERC")
        {
            train, dev, output, seed, layer, spanEpochs, relationEpochs, cache,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var trainPath = RequireFile(parse.GetValue(train)!);
            var devPath = RequireFile(parse.GetValue(dev)!);
            var options = new ExtractorTrainingOptions
            {
                Seed = parse.GetValue(seed),
                Layer = parse.GetValue(layer),
                SpanEpochs = parse.GetValue(spanEpochs),
                RelationEpochs = parse.GetValue(relationEpochs),
                FeatureCache = parse.GetValue(cache),
                Log = message => Console.Error.WriteLine(message),
            };
            var result = await Task.Run(() => ExtractorTrainer.Train(trainPath, devPath, parse.GetValue(output)!, options, cancellationToken), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model {result.Version} written to {result.OutputDirectory} in {result.Duration.TotalMinutes:F1} min"));
            PrintScores(Path.GetFileName(devPath), result.Dev);
            return 0;
        });
        return command;
    }

    /// <summary>The <c>eval extraction</c> subcommand.</summary>
    public static Command EvalExtraction()
    {
        var data = new Option<string>("--data") { Description = "SciERC split (DyGIE JSON lines, e.g. dev.json)", Required = true };
        var model = new Option<string?>("--model") { Description = "Model folder written by 'train extractor' (default: the shipped model)" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON" };
        var command = new Command("extraction", "Score the trained extractor: entity, relation and strict relation precision, recall, F1") { data, model, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataPath = RequireFile(parse.GetValue(data)!);
            var started = Stopwatch.StartNew();
            using var extractor = parse.GetValue(model) is { } directory ? TrainedExtractor.Load(directory) : TrainedExtractor.LoadShipped();
            var scores = await Task.Run(() => extractor.EvaluateSciErc(dataPath, cancellationToken), cancellationToken);
            if (parse.GetValue(json))
            {
                var result = ExtractorTrainer.ScoresToJson(scores);
                result["model"] = extractor.Name;
                result["seconds"] = Math.Round(started.Elapsed.TotalSeconds, 2);
                Console.WriteLine(result.ToJsonString());
            }
            else
            {
                Console.WriteLine($"{Path.GetFileName(dataPath)} with {extractor.Name}");
                PrintScores(Path.GetFileName(dataPath), scores);
            }

            return 0;
        });
        return command;
    }

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"File not found: {path}");

    private static void PrintScores(string name, ExtractionScores scores)
    {
        var c = CultureInfo.InvariantCulture;
        static string Line(IFormatProvider c, string label, PrfScore s) =>
            string.Create(c, $"{label,-22} P {s.Precision:F4}  R {s.Recall:F4}  F1 {s.F1:F4}  (correct {s.Correct}, predicted {s.Predicted}, gold {s.Gold})");
        Console.WriteLine($"{name}:");
        Console.WriteLine(Line(c, "entity", scores.Entity));
        foreach (var (type, score) in scores.EntityByType)
        {
            Console.WriteLine(Line(c, "  " + type, score));
        }

        Console.WriteLine(Line(c, "relation", scores.Relation));
        foreach (var (type, score) in scores.RelationByType)
        {
            Console.WriteLine(Line(c, "  " + type, score));
        }

        Console.WriteLine(Line(c, "relation (strict)", scores.RelationStrict));
    }
}
