using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>
/// Indexes one reference graph or glossary: read and validate it and store the entities of its version → make that version
/// the one linking uses (or record why it failed) → re-link the documents already ingested to the new version and fuse what
/// changed. Deterministic: all I/O happens in activities.
/// </summary>
public static class IndexReferenceOrchestration
{
    /// <summary>Instance ids change with content: an identical re-upload reuses the id, a new version gets a new one.</summary>
    public static string InstanceId(IndexReferenceRequest request) => $"reference-{request.ReferenceId}-{request.ContentHash ?? "latest"}";

    public static async Task<IndexReferenceOutcome> RunAsync(TaskOrchestrationContext context, IndexReferenceRequest request)
    {
        context.SetCustomStatus("reading");
        StagedReference staged;
        try
        {
            staged = await context.CallActivityAsync<StagedReference>(ActivityNames.ReadReference, request, PipelineRetry.Default);
        }
        catch (TaskFailedException ex)
        {
            staged = new StagedReference(request.ReferenceId, request.Reference, ReferenceOutcomes.Failed, "", 0, [], default,
                $"{request.Reference}: cannot be read ({ex.FailureDetails.ErrorMessage})");
        }

        if (staged.Outcome is ReferenceOutcomes.Unchanged or ReferenceOutcomes.Superseded or ReferenceOutcomes.Missing)
        {
            context.SetCustomStatus(staged.Outcome.ToLowerInvariant());
            return new IndexReferenceOutcome(staged.ReferenceId, staged.Reference, staged.Outcome, staged.Error, staged.Entities);
        }

        context.SetCustomStatus("recording");
        var record = await context.CallActivityAsync<ReferenceRecord>(ActivityNames.RecordReference, staged, PipelineRetry.Default);
        var status = staged.Outcome == ReferenceOutcomes.Staged ? "Indexed" : staged.Outcome;
        if (status == "Indexed")
        {
            await ReferenceRelinking.RunAsync(context);
        }

        context.SetCustomStatus(status.ToLowerInvariant());
        return new IndexReferenceOutcome(record.Id, record.Name, status, staged.Error, staged.Entities);
    }
}
