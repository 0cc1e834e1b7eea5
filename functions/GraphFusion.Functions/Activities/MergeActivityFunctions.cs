using GraphFusion.Core.Storage;
using GraphFusion.Workflows.Merging;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Activities;

/// <summary>The merge activity functions: bindings only; the bodies are the shared <see cref="MergeActivities"/>.</summary>
public sealed class MergeActivityFunctions(MergeActivities activities)
{
    [Function(MergeActivityNames.SubmitMergeJob)]
    public Task<MergeSubmission> SubmitMergeJob([ActivityTrigger] SubmitMergeJobInput input) => activities.SubmitMergeJobAsync(input);

    [Function(MergeActivityNames.GetMergeJob)]
    public Task<MergeJobStatus> GetMergeJob([ActivityTrigger] string jobId) => activities.GetMergeJobAsync(jobId);

    [Function(MergeActivityNames.UploadMergeOutputs)]
    public Task<IReadOnlyList<StoredModelFile>> UploadMergeOutputs([ActivityTrigger] UploadMergeOutputsInput input) => activities.UploadMergeOutputsAsync(input);

    [Function(MergeActivityNames.RecordMergeManifest)]
    public Task<MergeManifest> RecordMergeManifest([ActivityTrigger] RecordMergeManifestInput input) => activities.RecordMergeManifestAsync(input);
}
