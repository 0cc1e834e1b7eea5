using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows.Alignment;

/// <summary>
/// One alignment job (a job file dropped into <c>alignments/</c>): align the two graphs it names from its seeds, with a chat
/// model's vote when it asks for one, and write the pairs and a report. The instance id changes with the job's content, so a
/// re-delivered upload event starts nothing and an edited job runs again. An activity that cannot finish (the worker died
/// too often, a store was unreachable) ends the job as failed, with the reason in the outcome.
/// </summary>
public static class AlignGraphsOrchestration
{
    public static string InstanceId(AlignGraphsRequest request) => StableId.Of("alignment-", request.Job, request.ContentHash ?? "latest");

    public static async Task<AlignGraphsOutcome> RunAsync(TaskOrchestrationContext context, AlignGraphsRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        context.SetCustomStatus("aligning");
        AlignGraphsOutcome outcome;
        try
        {
            outcome = await context.CallActivityAsync<AlignGraphsOutcome>(AlignmentActivityNames.ComputeAlignment, request, PipelineRetry.Default);
        }
        catch (TaskFailedException ex)
        {
            outcome = new AlignGraphsOutcome(request.Job, AlignmentOutcomes.Failed, Error: $"{request.Job}: cannot be aligned ({ex.FailureDetails.ErrorMessage})");
        }

        context.SetCustomStatus(outcome.Status.ToLowerInvariant());
        return outcome;
    }
}
