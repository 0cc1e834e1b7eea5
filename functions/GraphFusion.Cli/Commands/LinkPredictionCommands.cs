using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Cli.Commands;

/// <summary>
/// <c>graphfusion eval link-prediction</c>: the learned link predictor's held-out calibration on a graph, and the relations
/// it would propose; <see cref="Flags"/> are the options of the commands whose re-fusion pass runs it.
/// </summary>
internal static class LinkPredictionCommands
{
    /// <summary><c>eval link-prediction (--store S | --triples FILE) [--precision P] [--seed N] [--show N] [--json]</c>.</summary>
    public static Command EvalLinkPrediction()
    {
        var store = CommonOptions.Store();
        var triples = new Option<string?>("--triples") { Description = "Evaluate on the graph fused from these triplets (as fuse --triples reads them) instead of a store" };
        var precision = new Option<double>("--precision") { Description = "Target precision of the threshold", DefaultValueFactory = _ => new LinkPredictionOptions().TargetPrecision };
        var seed = new Option<int>("--seed") { Description = "Seed of the held-out split, the negatives and the training", DefaultValueFactory = _ => 1 };
        var holdout = new Option<double>("--holdout") { Description = "Share of stated relations held out", DefaultValueFactory = _ => new LinkPredictionOptions().HoldoutFraction };
        var show = new Option<int>("--show") { Description = "List this many of the proposals, best first", DefaultValueFactory = _ => 10 };
        var defaults = new LinkPredictionOptions();
        var dimensions = new Option<int>("--dimensions") { Description = "Complex embedding dimensions", DefaultValueFactory = _ => defaults.Dimensions };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => defaults.Epochs };
        var minDegree = new Option<int>("--min-degree") { Description = "Stated relations an entity needs to be an endpoint of a proposal", DefaultValueFactory = _ => defaults.MinDegree };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command("link-prediction", "Held-out precision/recall/AUC/Hits@10 of the link predictor at its calibrated threshold, and its proposals")
        {
            store, triples, precision, seed, holdout, show, dimensions, epochs, minDegree, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = defaults with
            {
                TargetPrecision = parse.GetValue(precision),
                Seed = parse.GetValue(seed),
                HoldoutFraction = parse.GetValue(holdout),
                Dimensions = parse.GetValue(dimensions),
                Epochs = parse.GetValue(epochs),
                MinDegree = parse.GetValue(minDegree),
            };
            var (entities, relations) = await LoadAsync(parse.GetValue(store), parse.GetValue(triples), cancellationToken);
            var predictor = new LinkPredictor(RelationSchema.Graphusion, options);
            var stopwatch = Stopwatch.StartNew();
            var result = predictor.Predict(entities, relations);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var calibration = result.Calibration!;
            var proposals = result.Proposals;

            var names = entities.ToDictionary(e => e.Id, e => e.Name, StringComparer.Ordinal);
            var shown = proposals.OrderByDescending(p => p.Confidence).ThenBy(p => p.Id, StringComparer.Ordinal).Take(parse.GetValue(show))
                .Select(p => new ShownProposal(names[p.HeadId], p.Type, names[p.TailId], p.Confidence)).ToList();
            var summary = new Summary(entities.Count, relations.Count(r => !r.Inferred), calibration, seconds, proposals.Count, shown);
            Console.WriteLine(parse.GetValue(json) ? Json(summary) : Text(summary));
            return 0;
        });
        return command;
    }

    /// <summary>Options of <c>refuse</c> and <c>ingest</c>: whether their re-fusion pass predicts links, and at what precision.</summary>
    public sealed class Flags
    {
        private readonly Option<bool> off = new("--no-link-prediction") { Description = "Do not propose relations with the learned link predictor (removes earlier predictions)" };

        private readonly Option<double> precision = new("--link-precision")
        {
            Description = "Precision the link predictor's threshold must reach on held-out relations",
            DefaultValueFactory = _ => new LinkPredictionOptions().TargetPrecision,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(off);
            command.Options.Add(precision);
        }

        public LinkPredictionOptions Read(ParseResult parse) =>
            new() { Enabled = !parse.GetValue(off), TargetPrecision = parse.GetValue(precision) };
    }

    private static async Task<(List<Entity> Entities, List<Relation> Relations)> LoadAsync(string? location, string? triplesPath, CancellationToken cancellationToken)
    {
        if (triplesPath is null)
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(location, cancellationToken));
            return await graph.Store.ReadAllAsync(cancellationToken);
        }

        if (!File.Exists(triplesPath))
        {
            throw new FileNotFoundException($"--triples '{triplesPath}' does not exist");
        }

        var path = Path.Combine(Path.GetTempPath(), $"graphfusion-eval-{Guid.NewGuid():N}.db");
        try
        {
            var store = await SqliteGraphStore.OpenAsync(path, cancellationToken);
            await FuseCommand.ImportAsync(store, Path.GetFullPath(triplesPath), TripleFile.Read(triplesPath, RelationSchema.Graphusion, 500), cancellationToken);
            return await store.ReadAllAsync(cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private sealed record ShownProposal(string Head, string Type, string Tail, double Score);

    private sealed record Summary(int Entities, int StatedRelations, Calibration Calibration, double Seconds, int Proposals, IReadOnlyList<ShownProposal> Shown);

    private static string Text(Summary s)
    {
        var c = s.Calibration;
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Format(inv, "Graph: {0} entities, {1} stated relations", s.Entities, s.StatedRelations),
            string.Format(inv, "Held out: {0} relations against {1} type-consistent corruptions ({2:0.0} s to calibrate, retrain and propose)", c.HeldOut, c.Negatives, s.Seconds),
            c.Threshold is { } threshold
                ? string.Format(inv, "Threshold {0:0.0000} for precision {1:0.00}: held-out precision {2:0.0000}, recall {3:0.0000}", threshold, c.TargetPrecision, c.Precision, c.Recall)
                : string.Format(inv, "No threshold: {0}", c.Note),
            string.Format(inv, "AUC {0}  Hits@10 {1}", Format(c.Auc), Format(c.HitsAt10)),
        };
        lines.Add(string.Format(inv, "Proposals: {0}", s.Proposals));
        lines.AddRange(s.Shown.Select(p => string.Format(inv, "  {0:0.0000}  {1} -{2}-> {3}", p.Score, p.Head, p.Type, p.Tail)));

        return string.Join(Environment.NewLine, lines);
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Json(Summary s) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["entities"] = s.Entities,
            ["stated_relations"] = s.StatedRelations,
            ["held_out"] = s.Calibration.HeldOut,
            ["negatives"] = s.Calibration.Negatives,
            ["target_precision"] = s.Calibration.TargetPrecision,
            ["threshold"] = s.Calibration.Threshold is { } t ? Math.Round(t, 4) : null,
            ["precision"] = Math.Round(s.Calibration.Precision, 4),
            ["recall"] = Math.Round(s.Calibration.Recall, 4),
            ["auc"] = s.Calibration.Auc is { } auc ? Math.Round(auc, 4) : null,
            ["hits_at_10"] = s.Calibration.HitsAt10 is { } hits ? Math.Round(hits, 4) : null,
            ["note"] = s.Calibration.Note,
            ["seconds"] = Math.Round(s.Seconds, 2),
            ["proposals"] = s.Proposals,
            ["shown"] = s.Shown.Select(p => new { head = p.Head, relation = p.Type, tail = p.Tail, score = p.Score }).ToList(),
        });
}
