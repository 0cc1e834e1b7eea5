using GraphFusion.Workflows.Merging;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GraphFusion.Functions.Orchestrations;

/// <summary>The merge orchestrator function: hands its context to the orchestration written once in GraphFusion.Workflows.</summary>
public static class MergeOrchestrators
{
    [Function(MergeActivityNames.MergeModels)]
    public static Task<MergeManifest> MergeModels([OrchestrationTrigger] TaskOrchestrationContext context) =>
        MergeModelsOrchestration.RunAsync(context, context.GetInput<MergeModelsRequest>()!);
}
