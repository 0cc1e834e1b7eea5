using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>
/// Gathers the quality figures of the <c>eval</c> commands (extraction, matching, alignment, seeds, linking) into the
/// report, each with its target, the command that produced it and its wall time. Evaluations whose data is missing are
/// listed as not run; <c>--quick</c> runs only those on the repository's own files.
/// </summary>
internal static class QualityBench
{
    /// <summary>One figure read from an evaluation's JSON output.</summary>
    private sealed record Figure(string Measure, string JsonPath, string Target);

    /// <summary>One <c>eval</c> invocation; paths starting with <c>{datasets}</c> or <c>{repo}</c> are resolved at run time.</summary>
    private sealed record Evaluation(string Name, string[] Arguments, string[] RequiredPaths, bool Quick, Figure[] Figures);

    private static readonly Evaluation[] Evaluations =
    [
        new("extraction (SciERC dev)", ["eval", "extraction", "--data", "{datasets}/scierc/dev.json", "--json"], ["{datasets}/scierc/dev.json"], false,
            [new("entity F1", "entity.f1", "≥ 0.58"), new("relation F1", "relation.f1", "≥ 0.20"), new("relation F1 (strict)", "relation_strict.f1", "")]),
        new("entity matching (DBLP-ACM valid)", ["eval", "matching", "--data", "{datasets}/er/dblp-acm/valid.txt", "--json"], ["{datasets}/er/dblp-acm/valid.txt"], false,
            [new("F1", "f1", "≥ 0.95"), new("precision", "precision", ""), new("recall", "recall", "")]),
        new("alignment (DBP15K fr-en, 30% held out)", ["eval", "alignment", "--data", "{datasets}/alignment/dbp15k-fr_en", "--holdout", "0.3", "--seed", "1", "--json"], ["{datasets}/alignment/dbp15k-fr_en"], false,
            [new("Hits@1", "hits_at_1", "≥ 0.95"), new("Hits@10", "hits_at_10", ""), new("MRR", "mrr", "")]),
        new("alignment, structure only (names randomised)", ["eval", "alignment", "--data", "{datasets}/alignment/dbp15k-fr_en", "--holdout", "0.3", "--seed", "1", "--random-names", "--json"], ["{datasets}/alignment/dbp15k-fr_en"], false,
            [new("Hits@1", "hits_at_1", ""), new("Hits@10", "hits_at_10", ""), new("MRR", "mrr", "")]),
        new("seed concepts (Graphusion abstracts)", ["eval", "seeds", "--corpus", "{datasets}/graphusion/abstracts.txt", "--gold", "{datasets}/graphusion/gold_concepts.tsv", "--json"], ["{datasets}/graphusion/abstracts.txt", "{datasets}/graphusion/gold_concepts.tsv"], false,
            [new("recall@687 exact", "recall_at.687", "≥ 0.40"), new("recall@687 embedding", "recall_at_embedding.687", "≥ 0.50"), new("exact ceiling", "ceiling", "")]),
        new("glossary linking (samples/references)", ["eval", "linking", "--glossary", "{repo}/samples/references/glossary.csv", "--cases", "{repo}/samples/references/linking-cases.tsv", "--json"], ["{repo}/samples/references/glossary.csv", "{repo}/samples/references/linking-cases.tsv"], true,
            [new("accuracy", "accuracy", ""), new("NIL precision", "nil_precision", ""), new("NIL recall", "nil_recall", "")]),
    ];

    public static async Task<BenchSection> RunAsync(BenchSettings settings, Command root, CancellationToken cancellationToken)
    {
        var section = new BenchSection("quality");
        var repo = RepositoryRoot();
        var rows = new List<string>();
        var notRun = new List<string>();
        foreach (var evaluation in Evaluations)
        {
            if (settings.Quick && !evaluation.Quick)
            {
                notRun.Add($"{evaluation.Name}: left out of --quick");
                continue;
            }

            string Resolve(string value) => value.Replace("{datasets}", settings.Datasets ?? "\0", StringComparison.Ordinal).Replace("{repo}", repo ?? "\0", StringComparison.Ordinal);
            var arguments = evaluation.Arguments.Select(Resolve).ToArray();
            var missing = evaluation.RequiredPaths.Select(Resolve).FirstOrDefault(p => p.Contains('\0', StringComparison.Ordinal) || !(File.Exists(p) || Directory.Exists(p)));
            if (missing is not null)
            {
                notRun.Add($"{evaluation.Name}: its data is absent ({missing.Replace("\0", "(not found)", StringComparison.Ordinal)})");
                continue;
            }

            settings.Log($"quality: {evaluation.Name}");
            var command = "graphfusion " + string.Join(' ', arguments);
            var (code, output, seconds) = await InvokeCapturingAsync(root, arguments, cancellationToken);
            if (code != 0 || LastJsonObject(output) is not { } json)
            {
                section.Error = $"`{command}` exited with {code}";
                notRun.Add($"{evaluation.Name}: `{command}` failed (exit code {code})");
                continue;
            }

            section.Data[evaluation.Name] = json;
            var figures = new List<string>();
            foreach (var figure in evaluation.Figures)
            {
                if (Read(json, figure.JsonPath) is not { } value)
                {
                    continue;
                }

                section.Add($"{evaluation.Name}: {figure.Measure}", "", [value]);
                var target = figure.Target.Length == 0 ? "" : $" (target {figure.Target}: {(Meets(value, figure.Target) ? "met" : "**missed**")})";
                figures.Add(string.Create(CultureInfo.InvariantCulture, $"{figure.Measure} **{value:0.###}**{target}"));
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {evaluation.Name} | {string.Join("; ", figures)} | {seconds:F1} s | `{command}` |"));
        }

        var markdown = new StringBuilder();
        markdown.AppendLine("Quality figures from the `eval` commands, run as part of this benchmark (anyone can rerun each command on its own).");
        markdown.AppendLine();
        markdown.AppendLine("| evaluation | figures | time | command |");
        markdown.AppendLine("|---|---|---:|---|");
        foreach (var row in rows)
        {
            markdown.AppendLine(row);
        }

        foreach (var line in notRun)
        {
            markdown.AppendLine();
            markdown.AppendLine(CultureInfo.InvariantCulture, $"Not run: {line}.");
        }

        section.Markdown = markdown.ToString();
        return section;
    }

    private static bool Meets(double value, string target) =>
        target.StartsWith("≥ ", StringComparison.Ordinal) && double.TryParse(target[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) && value >= bound;

    /// <summary>Runs a subcommand of this CLI in-process and captures what it prints (the benchmarks run one at a time).</summary>
    private static async Task<(int Code, string Output, double Seconds)> InvokeCapturingAsync(Command root, string[] arguments, CancellationToken cancellationToken)
    {
        var original = Console.Out;
        using var capture = new StringWriter(CultureInfo.InvariantCulture);
        var stopwatch = Stopwatch.StartNew();
        Console.SetOut(capture);
        try
        {
            var code = await root.Parse(arguments).InvokeAsync(cancellationToken: cancellationToken);
            return (code, capture.ToString(), stopwatch.Elapsed.TotalSeconds);
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static JsonElement? LastJsonObject(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            if (line.StartsWith('{'))
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    return document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static double? Read(JsonElement json, string path)
    {
        var current = json;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Number ? current.GetDouble() : null;
    }

    /// <summary>
    /// The repository around the working directory, or else around this build of the CLI, relative to the working directory
    /// (so that the commands the report prints run from wherever it was generated, on any machine).
    /// </summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
                {
                    return Path.GetRelativePath(Environment.CurrentDirectory, dir.FullName);
                }
            }
        }

        return null;
    }
}
