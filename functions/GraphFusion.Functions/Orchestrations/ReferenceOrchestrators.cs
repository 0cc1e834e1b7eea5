using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GraphFusion.Functions.Orchestrations;

/// <summary>The reference orchestrator function: hands its context to the orchestration written once in GraphFusion.Workflows.</summary>
public static class ReferenceOrchestrators
{
    [Function(ActivityNames.IndexReference)]
    public static Task<IndexReferenceOutcome> IndexReference([OrchestrationTrigger] TaskOrchestrationContext context) =>
        IndexReferenceOrchestration.RunAsync(context, context.GetInput<IndexReferenceRequest>()!);
}
