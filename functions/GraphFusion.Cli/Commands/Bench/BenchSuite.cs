using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>
/// <c>graphfusion bench all|e2e|orchestration|stores|fusion-scale|quality</c>: pipeline benchmarks, written as JSON, SVG plots and a
/// markdown report (<c>--out docs</c> regenerates docs/performance.md and docs/perf/).
/// </summary>
internal static class BenchSuite
{
    /// <summary>Benchmarks of other subcommands that <c>bench all</c> runs and gathers when they exist.</summary>
    private static readonly string[] Gathered = ["merge", "worker"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IEnumerable<Command> Commands()
    {
        yield return Create("e2e", "Ingest the Graphusion abstracts on the embedded default against the MiniLM encoder ceiling", (s, _, t) => Single(E2eBench.RunAsync(s, t)));
        yield return Create("orchestration", "Per-activity overhead of the in-process durable host (fan-out of no-op activities)", (s, _, t) => Single(OrchestrationBench.RunAsync(s, t)));
        yield return Create("stores", "Claim upserts/s and point-query latency on SQLite and the local Cosmos-compatible server", (s, o, t) => Single(StoreBench.RunAsync(s, o.Cosmos, t)));
        yield return Create("fusion-scale", "One fusion pass over synthetic graphs of growing size (time, peak memory, log-log plot)", (s, o, t) => Single(FusionScaleBench.RunAsync(s, o.Sizes, o.MaxSeconds, o.FusionBatch, t)));
        yield return Create("quality", "Quality figures of the eval commands (extraction, matching, alignment, seeds, linking) with their targets", (s, o, t) => Single(QualityBench.RunAsync(s, o.Parse.RootCommandResult.Command, t)));
        yield return Create("all", "Every benchmark above, plus the other bench subcommands (quick mode with --quick), into one report (performance.md, perf/*.svg, perf/bench-results.json)", RunAllAsync, all: true);
    }

    private sealed record Options(string? Cosmos, IReadOnlyList<int>? Sizes, double MaxSeconds, int FusionBatch, IReadOnlySet<string> Skip, ParseResult Parse);

    private static async Task<IReadOnlyList<BenchSection>> Single(Task<BenchSection> section) => [await section];

    private static Command Create(
        string name, string description, Func<BenchSettings, Options, CancellationToken, Task<IReadOnlyList<BenchSection>>> run, bool all = false)
    {
        var quick = new Option<bool>("--quick") { Description = "Small inputs and one run per measurement (about a minute or two)" };
        var runs = new Option<int?>("--runs") { Description = "Runs per measurement; medians with min/max are reported (default 3, --quick 1)" };
        var datasets = new Option<string?>("--datasets") { Description = "The shared datasets folder (default: ../shared/datasets from the repository root, when present)" };
        var output = new Option<string>("--out") { Description = "Report folder (--out docs regenerates docs/performance.md and docs/perf/)", DefaultValueFactory = _ => "bench-results" };
        var cosmos = new Option<string?>("--cosmos") { Description = "A running local Cosmos-compatible endpoint (key from GRAPHFUSION_COSMOS_KEY); default: start tests/Emulators/cosmos-server.js when installed" };
        var sizes = new Option<string?>("--sizes") { Description = "fusion-scale: entity counts, comma-separated (default 10000,100000,1000000; --quick 1000,10000)" };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "fusion-scale: skip a size whose linear projection from the previous one exceeds this", DefaultValueFactory = _ => 1_200 };
        var batch = new Option<int>("--batch")
        {
            Description = "fusion-scale: keys per fusion round; 0 (the default) fuses the whole graph in one global round, as `fuse --triples` and `refuse --all` do",
        };
        var skip = new Option<string?>("--skip") { Description = "all: benchmarks to leave out, comma-separated (e.g. merge,worker,stores)" };
        var command = new Command(name, description) { quick, runs, datasets, output };
        if (name is "stores" or "all")
        {
            command.Options.Add(cosmos);
        }

        if (name is "fusion-scale" or "all")
        {
            command.Options.Add(sizes);
            command.Options.Add(maxSeconds);
            command.Options.Add(batch);
        }

        if (all)
        {
            command.Options.Add(skip);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var settings = new BenchSettings(
                isQuick,
                parse.GetValue(runs) is { } n ? (n > 0 ? n : throw new ArgumentException("--runs must be positive")) : (isQuick ? 1 : 3),
                parse.GetValue(datasets) ?? DefaultDatasets(),
                parse.GetValue(output)!,
                message => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}"));
            var options = new Options(
                parse.GetValue(cosmos),
                parse.GetValue(sizes) is { } text ? ParseSizes(text) : null,
                parse.GetValue(maxSeconds),
                parse.GetValue(batch) is var b and >= 0 ? b : throw new ArgumentException("--batch must be 0 (one global round) or a positive key count"),
                (parse.GetValue(skip) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
                parse);
            var machine = MachineDescription.Current();
            var sections = await run(settings, options, cancellationToken);
            var commandLine = "graphfusion " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var report = Write(settings, machine, commandLine, sections, all ? "performance.md" : $"bench-{name}.md", all ? "bench-results.json" : $"bench-{name}.json");
            Console.WriteLine(report.Markdown);
            Console.WriteLine($"Written {report.MarkdownPath} and {report.JsonPath}");
            var failures = sections.Where(s => s.Error is not null).Select(s => $"{s.Name}: {s.Error}")
                .Concat(sections.SelectMany(s => s.Guards).Where(g => !g.Passed).Select(g => $"guard failed: {g.Name} ({g.Detail})"))
                .ToList();
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"graphfusion bench: {failure}");
            }

            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<IReadOnlyList<BenchSection>> RunAllAsync(BenchSettings settings, Options options, CancellationToken cancellationToken)
    {
        var sections = new List<BenchSection>();
        async Task RunAsync(string name, Func<Task<BenchSection>> run)
        {
            if (options.Skip.Contains(name))
            {
                return;
            }

            settings.Log($"bench {name}");
            try
            {
                sections.Add(await run());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                sections.Add(new BenchSection(name) { Error = ex.Message, Markdown = $"Failed: {ex.Message}" });
            }
        }

        // e2e first: its peak RSS is the process high-water mark.
        await RunAsync("e2e", () => E2eBench.RunAsync(settings, cancellationToken));
        await RunAsync("orchestration", () => OrchestrationBench.RunAsync(settings, cancellationToken));
        await RunAsync("stores", () => StoreBench.RunAsync(settings, options.Cosmos, cancellationToken));
        await RunAsync("fusion-scale", () => FusionScaleBench.RunAsync(settings, options.Sizes, options.MaxSeconds, options.FusionBatch, cancellationToken));
        await RunAsync("quality", () => QualityBench.RunAsync(settings, options.Parse.RootCommandResult.Command, cancellationToken));
        foreach (var name in Gathered)
        {
            await RunAsync(name, () => GatherAsync(name, settings, options.Parse, cancellationToken));
        }

        return sections.Where(s => s.Data.GetValueOrDefault("absent") is not true).ToList();
    }

    /// <summary>Runs another <c>bench</c> subcommand (its own code, its own output folder) and links its report.</summary>
    private static async Task<BenchSection> GatherAsync(string name, BenchSettings settings, ParseResult parse, CancellationToken cancellationToken)
    {
        var section = new BenchSection(name);
        var bench = parse.RootCommandResult.Command.Subcommands.FirstOrDefault(c => c.Name == "bench");
        var command = bench?.Subcommands.FirstOrDefault(c => c.Name == name);
        if (bench is null || command is null)
        {
            section.Data["absent"] = true;
            return section;
        }

        var folder = Path.Combine(settings.Out, "perf", name);
        var args = new List<string> { "bench", name };
        if (settings.Quick && command.Options.Any(o => o.Name == "--quick"))
        {
            args.Add("--quick");
        }

        if (command.Options.Any(o => o.Name == "--runs"))
        {
            args.AddRange(["--runs", settings.Runs.ToString(CultureInfo.InvariantCulture)]);
        }

        if (command.Options.Any(o => o.Name == "--out"))
        {
            args.AddRange(["--out", folder]);
        }

        var code = await parse.RootCommandResult.Command.Parse(args).InvokeAsync(cancellationToken: cancellationToken);
        section.Data["command"] = "graphfusion " + string.Join(' ', args);
        section.Data["exitCode"] = code;
        if (code != 0)
        {
            section.Error = $"`graphfusion {string.Join(' ', args)}` exited with {code}";
        }

        var markdown = new StringBuilder();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"From `graphfusion {string.Join(' ', args)}` (exit code {code}); its own files are in `perf/{name}/`.");
        if (Directory.Exists(folder))
        {
            foreach (var json in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                section.Data[Path.GetFileName(json)] = JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
            }

            foreach (var md in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
            {
                markdown.AppendLine();
                markdown.AppendLine(File.ReadAllText(md).Trim());
            }

            foreach (var svg in Directory.EnumerateFiles(folder, "*.svg").Order(StringComparer.Ordinal))
            {
                var file = Path.GetFileName(svg);
                markdown.AppendLine();
                markdown.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(file)}](perf/{name}/{file})");
            }
        }

        section.Markdown = markdown.ToString();
        return section;
    }

    private sealed record Written(string MarkdownPath, string JsonPath, string Markdown);

    private static Written Write(BenchSettings settings, MachineDescription machine, string commandLine, IReadOnlyList<BenchSection> sections, string markdownName, string jsonName)
    {
        var perf = Path.Combine(settings.Out, "perf");
        Directory.CreateDirectory(perf);
        foreach (var (file, svg) in sections.SelectMany(s => s.Plots))
        {
            File.WriteAllText(Path.Combine(perf, file), svg);
        }

        var generated = DateTimeOffset.UtcNow;
        var jsonPath = Path.Combine(perf, jsonName);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(
            new
            {
                generatedAt = generated,
                command = commandLine,
                settings.Quick,
                settings.Runs,
                machine,
                sections = sections.Select(s => new { s.Name, s.Error, s.Metrics, s.Notes, s.Guards, s.Data, plots = s.Plots.Keys.Select(k => "perf/" + k) }),
            },
            Json));

        var md = new StringBuilder();
        md.AppendLine("# Performance");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated by `{commandLine}` on {generated:yyyy-MM-dd HH:mm} UTC; regenerate with `graphfusion bench all --out docs`. Raw results: [`perf/{jsonName}`](perf/{jsonName}).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}.");
        if (machine.Shared)
        {
            md.AppendLine();
            md.AppendLine("**The machine was shared with other work while these figures were taken** (load average above half the core count at the start): absolute times are noisy and pessimistic; the ratios are the figures to read.");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Values are medians of {settings.Runs} run(s){(settings.Runs > 1 ? " with (min–max)" : "")}{(settings.Quick ? "; quick mode: small inputs" : "")}.");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| benchmark | measure | value | unit |");
        md.AppendLine("|---|---|---:|---|");
        foreach (var section in sections)
        {
            foreach (var metric in section.Metrics)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {section.Name} | {metric.Name} | {metric.Value.Format(metric.Value.Median >= 100 ? "F0" : "F3")} | {metric.Unit} |");
            }

            if (section.Data.GetValueOrDefault("ratioToCeiling") is double ratio)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {section.Name} | ratio to the encoder ceiling | {ratio:P0} | |");
            }
        }

        var guards = sections.SelectMany(s => s.Guards).ToList();
        if (guards.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Regression guards (ratios only; `bench all --quick` exits non-zero when one fails or a benchmark errs):");
            md.AppendLine();
            foreach (var guard in guards)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {(guard.Passed ? "passed" : "**FAILED**")}: {guard.Name} — {guard.Detail}");
            }
        }

        foreach (var section in sections)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {section.Name}");
            md.AppendLine();
            if (section.Error is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"**Error:** {section.Error}");
                md.AppendLine();
            }

            md.AppendLine(section.Markdown.Trim());
            foreach (var plot in section.Plots.Keys)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"![{section.Name}](perf/{plot})");
            }
        }

        var markdownPath = Path.Combine(settings.Out, markdownName);
        var text = md.ToString();
        File.WriteAllText(markdownPath, text);
        return new Written(markdownPath, jsonPath, text);
    }

    private static string? DefaultDatasets()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }

    private static int[] ParseSizes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 1
                ? v
                : throw new ArgumentException($"--sizes: '{s}' is not an entity count above 1"))
            .ToArray();
}
