using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows.Alignment;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GraphFusion.Functions.Orchestrations;

/// <summary>The alignment orchestrator function: hands its context to the orchestration written once in GraphFusion.Workflows.</summary>
public static class AlignmentOrchestrators
{
    [Function(AlignmentActivityNames.AlignGraphs)]
    public static Task<AlignGraphsOutcome> AlignGraphs([OrchestrationTrigger] TaskOrchestrationContext context) =>
        AlignGraphsOrchestration.RunAsync(context, context.GetInput<AlignGraphsRequest>()!);
}
