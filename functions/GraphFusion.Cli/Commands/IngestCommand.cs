using System.CommandLine;
using System.Diagnostics;
using GraphFusion.Core.Pipeline;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion ingest PATH...</c>: runs the ingestion orchestration for each document, with a progress bar.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to ingest (folders recursively)", Arity = ArgumentArity.OneOrMore };
        var store = CommonOptions.Store();
        var html = new Option<string?>("--html") { Description = "Also write the interactive viewer page to this file" };
        var json = new Option<string?>("--json") { Description = "Also write the graph as JSON to this file" };
        var extractorName = new Option<string>("--extractor")
        {
            Description = "auto (a configured chat model, else the trained model), trained, rules or llm",
            DefaultValueFactory = _ => "auto",
        };
        extractorName.AcceptOnlyFromAmong(ExtractorChoice.Names);
        var reference = new Option<string[]>("--reference")
        {
            Description = "Reference entities to link new concepts to (glossary CSV/TSV, JSON lines, or an ent_ids/triples folder), indexed into the store and kept for later runs; repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var embeddings = new Option<bool>("--embeddings")
        {
            Description = "Also find reference candidates by MiniLM embedding (references indexed with vectors); off by default: on our glossary cases it adds false links",
        };
        var judgeName = JudgeChoice.Option();
        var command = new Command("ingest", "Ingest documents into the graph (same orchestrations as the Functions app, run in-process); documents whose files are gone are retracted")
        {
            paths, store, html, json, extractorName, reference, embeddings, judgeName,
        };
        var linkPrediction = new LinkPredictionCommands.Flags();
        linkPrediction.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var files = FileSelection.Expand(parse.GetValue(paths)!);
            var extractor = ExtractorChoice.Create(parse.GetValue(extractorName));
            var (judge, proposer, judgeLedger) = JudgeChoice.Create(parse.GetValue(judgeName));
            using var embedder = parse.GetValue(embeddings) ? LinkingEmbedder.For(extractor) : null;
            var runner = new LocalPipelineRunner(graph.Store, extractor, judge: judge, embedder: embedder?.Embedder, proposer: proposer);
            var referenceFiles = parse.GetValue(reference) ?? [];
            var unusable = (await runner.IndexReferencesAsync(referenceFiles, cancellationToken)).Where(o => o.Status is not ("Indexed" or "Unchanged")).ToList();
            foreach (var outcome in unusable)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Reference {outcome.Reference}: {outcome.Status}: {outcome.Error}[/]");
            }

            if (unusable.Count > 0)
            {
                return 1;
            }

            var stopwatch = Stopwatch.StartNew();
            IReadOnlyList<IngestOutcome> outcomes = [];
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Ingesting {files.Count} documents", maxValue: Math.Max(1, files.Count));
                    var progress = new Progress<RunProgress>(p => task.Value = p.Done);
                    outcomes = await runner.IngestAsync(files, progress, cancellationToken);
                    task.Value = task.MaxValue;
                });

            RunSummary.Print(outcomes, await graph.Store.CountAsync(cancellationToken), stopwatch.Elapsed);
            if (extractor is Llm.Extraction.LlmTripletExtractor llm)
            {
                AnsiConsole.WriteLine(llm.Ledger.Describe());
            }

            if (judgeLedger is not null)
            {
                AnsiConsole.WriteLine("Relation conflicts judged and novel triplets proposed by the chat model: " + judgeLedger.Describe());
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                await GraphExport.WriteAsync(graph.Store, "html", htmlPath, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Viewer written to [link]{Path.GetFullPath(htmlPath)}[/]");
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                await GraphExport.WriteAsync(graph.Store, "json", jsonPath, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Graph written to {Path.GetFullPath(jsonPath)}");
            }

            return 0;
        });
        return command;
    }
}
