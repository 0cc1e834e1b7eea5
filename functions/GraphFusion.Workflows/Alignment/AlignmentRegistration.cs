using GraphFusion.Core.Pipeline;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows.Alignment;

/// <summary>Registers the alignment orchestration and its activity with a Durable Task worker outside the Functions host.</summary>
public static class AlignmentRegistration
{
    public static DurableTaskRegistry AddGraphFusionAlignment(this DurableTaskRegistry registry, Func<AlignmentActivities> activities)
    {
        registry.AddOrchestratorFunc<AlignGraphsRequest, AlignGraphsOutcome>(AlignmentActivityNames.AlignGraphs, AlignGraphsOrchestration.RunAsync);
        registry.AddActivityFunc<AlignGraphsRequest, AlignGraphsOutcome>(AlignmentActivityNames.ComputeAlignment, (_, input) => activities().AlignGraphsAsync(input));
        return registry;
    }
}
