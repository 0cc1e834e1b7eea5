using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GraphFusion.Core.Fusion.Matching;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion eval matching --data PATH [--tune PATH] [--threshold X] [--json]</c>: entity-resolution quality of the pair scorer.</summary>
internal static class MatchingCommands
{
    public static Command EvalMatching()
    {
        var data = new Option<string>("--data") { Description = "Labelled pair file in the Magellan/Ditto format (record TAB record TAB label)", Required = true };
        var tune = new Option<string?>("--tune") { Description = "Another labelled split (e.g. train.txt) on which to pick the threshold; never the evaluated one" };
        var threshold = new Option<double?>("--threshold") { Description = "Match threshold on the pair score (default 0.75, unsupervised)" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON" };
        var command = new Command("matching", "Score the pair scorer's match decisions: precision, recall, F1") { data, tune, threshold, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataPath = parse.GetValue(data)!;
            var options = new RecordScorerOptions();
            if (parse.GetValue(threshold) is { } fixedThreshold)
            {
                options = options with { Threshold = fixedThreshold };
            }

            string mode = "unsupervised";
            if (parse.GetValue(tune) is { } tunePath)
            {
                if (string.Equals(Path.GetFullPath(tunePath), Path.GetFullPath(dataPath), StringComparison.Ordinal))
                {
                    throw new ArgumentException("--tune must be another split than --data");
                }

                options = options with { Threshold = MatchingEvaluation.TuneThreshold(await Task.Run(() => RecordPairReader.Read(tunePath), cancellationToken), options) };
                mode = "threshold tuned on " + Path.GetFileName(tunePath);
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            var pairs = RecordPairReader.Read(dataPath);
            var metrics = MatchingEvaluation.Evaluate(pairs, options);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    precision = Math.Round(metrics.Precision, 4),
                    recall = Math.Round(metrics.Recall, 4),
                    f1 = Math.Round(metrics.F1, 4),
                    pairs = metrics.Pairs,
                    positives = metrics.Positives,
                    truePositives = metrics.TruePositives,
                    falsePositives = metrics.FalsePositives,
                    falseNegatives = metrics.FalseNegatives,
                    threshold = options.Threshold,
                    mode,
                    seconds = Math.Round(started.Elapsed.TotalSeconds, 2),
                }));
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                Console.WriteLine(string.Create(c, $"{Path.GetFileName(dataPath)}: {metrics.Pairs} pairs, {metrics.Positives} matches ({mode}, threshold {options.Threshold:F2})"));
                Console.WriteLine(string.Create(c, $"precision {metrics.Precision:F4}  recall {metrics.Recall:F4}  F1 {metrics.F1:F4}  (tp {metrics.TruePositives}, fp {metrics.FalsePositives}, fn {metrics.FalseNegatives})"));
            }

            return 0;
        });
        return command;
    }
}
