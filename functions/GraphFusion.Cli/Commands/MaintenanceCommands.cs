using System.CommandLine;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary><c>remove</c> retracts documents; <c>refuse</c> runs the global re-fusion pass; <c>status</c> lists documents.</summary>
internal static class MaintenanceCommands
{
    public static Command Remove()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files whose contribution to retract", Arity = ArgumentArity.OneOrMore };
        var store = CommonOptions.Store();
        var command = new Command("remove", "Retract documents: their evidence goes, and facts left without evidence disappear") { paths, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var ids = parse.GetValue(paths)!.Select(p => DocumentIds.For(Path.GetFullPath(p))).ToList();
            var report = await new LocalPipelineRunner(graph.Store, new StatisticalExtractor()).RemoveAsync(ids, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Retracted {ids.Count} documents; {report.EntitiesDeleted} entities removed.");
            return 0;
        });
        return command;
    }

    public static Command Refuse()
    {
        var store = CommonOptions.Store();
        var judgeName = JudgeChoice.Option();
        var all = new Option<bool>("--all")
        {
            Description = "First fuse the whole graph in one global round (every concept, not only touched ones): for a graph fused under other options or by an older version",
        };
        var command = new Command("refuse", "Fuse every concept touched since it was last fused, settle close relation conflicts with a judge, then recompute predicted relations") { store, judgeName, all };
        var linkPrediction = new LinkPredictionCommands.Flags();
        linkPrediction.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var (judge, proposer, judgeLedger) = JudgeChoice.Create(parse.GetValue(judgeName));
            if (parse.GetValue(all))
            {
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                var whole = await PipelineFactory.CreateFuser(graph.Store, judge is null ? null : new RelationVerdicts(graph.Store)).FuseGraphAsync(cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Whole graph fused in {stopwatch.Elapsed.TotalSeconds:0.0} s: {whole.KeysFused} keys, {whole.EntitiesWritten} entities, {whole.RelationsWritten} relations.");
            }

            var report = await new LocalPipelineRunner(graph.Store, new StatisticalExtractor(), judge: judge, linkPrediction: linkPrediction.Read(parse), proposer: proposer).RefuseAsync(cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Fused {report.KeysFused} keys: {report.EntitiesWritten} entities written, {report.EntitiesDeleted} removed, {report.RelationsWritten} relations.");
            if (judgeLedger is not null)
            {
                AnsiConsole.WriteLine("Relation conflicts judged and novel triplets proposed by the chat model: " + judgeLedger.Describe());
            }

            return 0;
        });
        return command;
    }

    public static Command Status()
    {
        var store = CommonOptions.Store();
        var command = new Command("status", "List documents and references with their status") { store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var table = new Table().AddColumns("Document", "Status", "Chunks", "Mentions", "Relation claims", "Error");
            foreach (var document in await graph.Store.ListDocumentsAsync(cancellationToken))
            {
                table.AddRow(
                    Markup.Escape(document.Name), document.Status.ToString(), document.ChunkCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    document.MentionCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    document.RelationClaimCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(document.Error ?? ""));
            }

            AnsiConsole.Write(table);
            var references = await graph.Store.ListReferencesAsync(cancellationToken);
            if (references.Count > 0)
            {
                var referenceTable = new Table().AddColumns("Reference", "Status", "Entities", "Files", "Error");
                foreach (var reference in references)
                {
                    referenceTable.AddRow(
                        Markup.Escape(reference.Name), reference.Status.ToString(), reference.EntityCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Markup.Escape(string.Join(", ", reference.Files)), Markup.Escape(reference.Error ?? ""));
                }

                AnsiConsole.Write(referenceTable);
            }

            return 0;
        });
        return command;
    }

    public static Command Show()
    {
        var name = new Argument<string>("name") { Description = "Entity name or alias" };
        var store = CommonOptions.Store();
        var command = new Command("show", "Show an entity with its aliases and neighbours") { name, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var found = await graph.Store.FindEntitiesAsync(parse.GetValue(name)!, 1, cancellationToken);
            if (found.Count == 0)
            {
                AnsiConsole.MarkupLineInterpolated($"No entity matches '{parse.GetValue(name)}'.");
                return 1;
            }

            var entity = found[0];
            AnsiConsole.MarkupLineInterpolated($"[bold]{entity.Name}[/] ({entity.Type}) id {entity.Id}; aliases: {string.Join(", ", entity.Aliases)}");
            foreach (var relation in await graph.Store.GetRelationsFromAsync(entity.Id, cancellationToken))
            {
                var tail = await graph.Store.GetEntityAsync(relation.TailId, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"  --{relation.Type}--> {tail?.Name ?? relation.TailId} ({relation.Confidence:F2}, {relation.Evidence.Count} evidence)");
            }

            foreach (var relation in await graph.Store.GetRelationsToAsync(entity.Id, cancellationToken))
            {
                var head = await graph.Store.GetEntityAsync(relation.HeadId, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"  <--{relation.Type}-- {head?.Name ?? relation.HeadId} ({relation.Confidence:F2}, {relation.Evidence.Count} evidence)");
            }

            return 0;
        });
        return command;
    }
}
