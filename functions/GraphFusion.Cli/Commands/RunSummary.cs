using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary>Prints what a run did: per-status counts, the failed documents with their reasons, and the graph's size.</summary>
internal static class RunSummary
{
    public static void Print(IReadOnlyList<IngestOutcome> outcomes, GraphCounts counts, TimeSpan elapsed)
    {
        var table = new Table().AddColumns("Status", "Documents");
        foreach (var group in outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow(group.Key, group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        foreach (var failed in outcomes.Where(o => o.Status == "Failed"))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed[/] {failed.Error}");
        }

        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        AnsiConsole.MarkupLineInterpolated(
            $"Graph: {counts.Entities} entities, {counts.Relations} relations, {counts.Aliases} aliases, {counts.Evidence} evidence items from {counts.Documents} documents.");
        AnsiConsole.MarkupLineInterpolated($"Run: {outcomes.Count} documents in {elapsed.TotalSeconds:F1} s ({outcomes.Count / seconds:F1} documents/s).");
    }
}
