using GraphFusion.Core.Fusion;
using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GraphFusion.Functions.Orchestrations;

/// <summary>The orchestrator functions: each hands its context to the orchestration written once in GraphFusion.Workflows.</summary>
public static class PipelineOrchestrators
{
    [Function(ActivityNames.IngestDocument)]
    public static Task<IngestOutcome> IngestDocument([OrchestrationTrigger] TaskOrchestrationContext context) =>
        IngestDocumentOrchestration.RunAsync(context, context.GetInput<IngestRequest>()!);

    [Function(ActivityNames.RemoveDocument)]
    public static Task<FusionReport> RemoveDocument([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RemoveDocumentOrchestration.RunAsync(context, context.GetInput<string>()!);

    [Function(ActivityNames.RefuseGraph)]
    public static Task<FusionReport> RefuseGraph([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RefuseGraphOrchestration.RunAsync(context, context.GetInput<int>());
}
