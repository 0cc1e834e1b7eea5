namespace GraphFusion.Workflows.Merging;

/// <summary>Names of the merge orchestration and its activities; the Functions app's function names must match them.</summary>
public static class MergeActivityNames
{
    public const string MergeModels = nameof(MergeModels);
    public const string SubmitMergeJob = nameof(SubmitMergeJob);
    public const string GetMergeJob = nameof(GetMergeJob);
    public const string UploadMergeOutputs = nameof(UploadMergeOutputs);
    public const string RecordMergeManifest = nameof(RecordMergeManifest);
}
