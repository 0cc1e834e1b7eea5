using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows.Alignment;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Activities;

/// <summary>The alignment activity function: a binding only; the body is the shared <see cref="AlignmentActivities"/>.</summary>
public sealed class AlignmentActivityFunctions(AlignmentActivities activities)
{
    [Function(AlignmentActivityNames.ComputeAlignment)]
    public Task<AlignGraphsOutcome> ComputeAlignment([ActivityTrigger] AlignGraphsRequest input) => activities.AlignGraphsAsync(input);
}
