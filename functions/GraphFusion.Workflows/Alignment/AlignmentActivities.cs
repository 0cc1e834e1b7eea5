using GraphFusion.Core.Pipeline;

namespace GraphFusion.Workflows.Alignment;

/// <summary>The alignment activity body: one step, plain input and output, safe to repeat.</summary>
public sealed class AlignmentActivities(AlignGraphsStep align)
{
    public Task<AlignGraphsOutcome> AlignGraphsAsync(AlignGraphsRequest input) => align.RunAsync(input, CancellationToken.None);
}
