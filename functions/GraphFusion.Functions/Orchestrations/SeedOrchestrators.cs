using GraphFusion.Workflows.Seeds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GraphFusion.Functions.Orchestrations;

/// <summary>The seed orchestrator function: hands its context to the orchestration written once in GraphFusion.Workflows.</summary>
public static class SeedOrchestrators
{
    [Function(SeedActivityNames.BuildSeeds)]
    public static Task<SeedModelSummary> BuildSeeds([OrchestrationTrigger] TaskOrchestrationContext context) =>
        BuildSeedsOrchestration.RunAsync(context, context.GetInput<BuildSeedsRequest>()!);
}
