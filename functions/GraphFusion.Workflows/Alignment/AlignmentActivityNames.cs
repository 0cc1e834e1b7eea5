namespace GraphFusion.Workflows.Alignment;

/// <summary>Names of the alignment orchestration and its activity; the Functions app's function names must match them.</summary>
public static class AlignmentActivityNames
{
    public const string AlignGraphs = nameof(AlignGraphs);
    public const string ComputeAlignment = nameof(ComputeAlignment);
}
