using GraphFusion.Core.Fusion;
using GraphFusion.Core.Pipeline;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>
/// The orchestration part of re-linking after the set of references changed: list the documents, re-link them in batches
/// (<see cref="RelinkDocumentsStep"/>), then fuse the keys whose links changed so the graph shows the new links.
/// </summary>
public static class ReferenceRelinking
{
    public const int DocumentsPerBatch = 50;

    public static async Task<RelinkResult> RunAsync(TaskOrchestrationContext context)
    {
        context.SetCustomStatus("relinking");
        var documents = await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.ListDocumentsToRelink, 0, PipelineRetry.Default);
        var total = RelinkResult.Empty;
        foreach (var batch in documents.Chunk(DocumentsPerBatch))
        {
            total = total.Add(await context.CallActivityAsync<RelinkResult>(ActivityNames.RelinkDocuments, batch, PipelineRetry.Default));
            context.SetCustomStatus(new { relinking = total.Documents, of = documents.Count, claimsChanged = total.ClaimsChanged });
        }

        if (total.ClaimsChanged > 0)
        {
            await RefuseGraphOrchestration.FuseTouchedAsync(context, RefuseGraphOrchestration.MaxPasses, FusionReport.Empty);
        }

        return total;
    }
}
