using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GraphFusion.Core.References;
using GraphFusion.Inference;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion eval linking</c>: mention linking against a glossary on labelled mentions.</summary>
internal static class LinkingCommands
{
    /// <summary><c>graphfusion eval linking --glossary FILE --cases FILE [--embeddings] [--json]</c>.</summary>
    public static Command EvalLinking()
    {
        var glossary = new Option<string>("--glossary") { Description = "Reference entities: glossary CSV/TSV, JSON lines or an ent_ids/triples folder", Required = true };
        var cases = new Option<string>("--cases") { Description = "Labelled mentions: mention<TAB>expected id or NIL<TAB>sentence", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var embeddings = new Option<bool>("--embeddings")
        {
            Description = "Embed entities and mentions with MiniLM: embedding nearest-neighbour candidates and embedding context",
        };
        var minEmbedding = new Option<double>("--min-embedding-similarity")
        {
            Description = "Shortest mention-to-entity embedding cosine for an embedding candidate (with --embeddings)",
            DefaultValueFactory = _ => new ReferenceLinkerOptions().MinEmbeddingSimilarity,
        };
        var command = new Command("linking", "Accuracy and NIL precision/recall of linking mentions to reference entities") { glossary, cases, json, embeddings, minEmbedding };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var entities = ReferenceLoader.Load(parse.GetValue(glossary)!);
            using var encoder = parse.GetValue(embeddings) ? new MiniLmEncoder() : null;
            var options = new ReferenceLinkerOptions { MinEmbeddingSimilarity = parse.GetValue(minEmbedding) };
            var linker = encoder is null
                ? new ReferenceLinker(ReferenceIndex.Build(entities), options)
                : new ReferenceLinker(await ReferenceIndex.BuildAsync(entities, encoder, cancellationToken), options, encoder);
            var result = await LinkingEvaluator.EvaluateAsync(linker, LinkingCaseReader.Read(parse.GetValue(cases)!), cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? Json(result) : Text(result));
            return 0;
        });
        return command;
    }

    private static string Text(LinkingEvaluation r)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Format(inv, "Mentions: {0} ({1} NIL); correct: {2}", r.Cases, r.NilCases, r.CorrectCount),
            string.Format(inv, "Accuracy {0:0.0000}  linked accuracy {1:0.0000}  NIL precision {2:0.0000}  NIL recall {3:0.0000}", r.Accuracy, r.LinkedAccuracy, r.NilPrecision, r.NilRecall),
        };
        lines.AddRange(r.Outcomes.Where(o => !o.Correct).Select(o =>
            string.Format(inv, "  wrong (line {0}): '{1}' expected {2}, got {3} ({4:0.00}{5})", o.Case.Line, o.Case.Surface, o.Case.ExpectedId ?? "NIL", o.PredictedId ?? "NIL", o.Confidence,
                o.Source is { } source ? ", " + source : "")));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Json(LinkingEvaluation r) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["cases"] = r.Cases,
            ["nil_cases"] = r.NilCases,
            ["correct"] = r.CorrectCount,
            ["accuracy"] = Math.Round(r.Accuracy, 4),
            ["linked_accuracy"] = Math.Round(r.LinkedAccuracy, 4),
            ["nil_precision"] = Math.Round(r.NilPrecision, 4),
            ["nil_recall"] = Math.Round(r.NilRecall, 4),
            ["errors"] = r.Outcomes.Where(o => !o.Correct).Select(o => new { line = o.Case.Line, mention = o.Case.Surface, expected = o.Case.ExpectedId ?? "NIL", predicted = o.PredictedId ?? "NIL", confidence = o.Confidence, source = o.Source?.ToString() }).ToList(),
        });
}
