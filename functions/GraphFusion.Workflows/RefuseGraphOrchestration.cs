using GraphFusion.Core.Events;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Pipeline;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>
/// The scheduled global pass: retracts documents whose source is gone (a deleted blob whose event was missed) and removes
/// references whose source is gone, fuses every key touched since it was last fused, in batches, until none is left;
/// then, when a judge is configured, asks it about close relation conflicts and fuses again what its verdicts changed;
/// then it recomputes the predicted relations (skipped inside the activity when the graph is as the previous pass left it);
/// last, when a reference was removed, it re-links the documents that linked to it (<see cref="ReferenceRelinking"/>).
/// </summary>
public static class RefuseGraphOrchestration
{
    public const int KeysPerPass = 500;
    public const int KeysPerBatch = 100;
    public const int MaxPasses = 100;
    public const int MaxRemovalsPerPass = 1_000;

    public static string InstanceId(DateTimeOffset scheduledAt) => $"refuse-{scheduledAt:yyyyMMddHHmm}";

    public static async Task<FusionReport> RunAsync(TaskOrchestrationContext context, int maxPasses)
    {
        var total = FusionReport.Empty;
        var removed = await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.FindRemovedDocuments, MaxRemovalsPerPass, PipelineRetry.Default);
        foreach (var documentId in removed)
        {
            await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.RetractDocument, documentId, PipelineRetry.Default);
        }

        var removedReferences = await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.FindRemovedReferences, MaxRemovalsPerPass, PipelineRetry.Default);
        foreach (var referenceId in removedReferences)
        {
            await context.CallActivityAsync<bool>(ActivityNames.RemoveReference, referenceId, PipelineRetry.Default);
        }

        total = await FuseTouchedAsync(context, maxPasses, total);
        await EventPublishing.PublishAsync(context, GraphEvents.GraphRefused(context.InstanceId, EventPublishing.Now(context), new GraphRefusedData(
            removed.Count, total.KeysFused, total.EntitiesWritten, total.EntitiesDeleted, total.RelationsWritten)));

        // The steps below come after the event, so that instances started before they existed replay unchanged.
        var adjudication = await context.CallActivityAsync<AdjudicationReport>(ActivityNames.AdjudicateConflicts, 0, PipelineRetry.Default);
        if (adjudication.Asked > adjudication.Abstained)
        {
            total = await FuseTouchedAsync(context, maxPasses, total);
        }

        var predicted = await context.CallActivityAsync<LinkPredictionReport>(ActivityNames.PredictLinks, new PredictLinksRequest(context.InstanceId), PipelineRetry.Default);
        if (removedReferences.Count > 0)
        {
            await ReferenceRelinking.RunAsync(context);
        }

        // Last, so that instances started before proposals existed replay unchanged.
        var proposals = await context.CallActivityAsync<ProposalReport>(ActivityNames.ProposeRelations, 0, PipelineRetry.Default);
        context.SetCustomStatus(new { keysFused = total.KeysFused, adjudication, linkPrediction = predicted.Status, predicted.Added, predicted.Removed, proposals });
        return total;
    }

    /// <summary>Fuses touched keys in batches until none is left (or the pass limit is reached).</summary>
    internal static async Task<FusionReport> FuseTouchedAsync(TaskOrchestrationContext context, int maxPasses, FusionReport total)
    {
        for (var pass = 0; pass < Math.Min(maxPasses, MaxPasses); pass++)
        {
            var keys = await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.ListTouchedKeys, KeysPerPass, PipelineRetry.Default);
            if (keys.Count == 0)
            {
                break;
            }

            foreach (var batch in keys.Chunk(KeysPerBatch))
            {
                total = total.Add(await context.CallActivityAsync<FusionReport>(ActivityNames.FuseKeys, new FuseRequest(batch), PipelineRetry.Default));
            }

            context.SetCustomStatus(new { pass = pass + 1, keysFused = total.KeysFused });
        }
        return total;
    }
}
