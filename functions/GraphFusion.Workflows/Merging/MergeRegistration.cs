using GraphFusion.Core.Storage;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows.Merging;

/// <summary>Registers the merge orchestration and its activities with a Durable Task worker outside the Functions host.</summary>
public static class MergeRegistration
{
    public static DurableTaskRegistry AddGraphFusionMerging(this DurableTaskRegistry registry, Func<MergeActivities> activities)
    {
        registry.AddOrchestratorFunc<MergeModelsRequest, MergeManifest>(MergeActivityNames.MergeModels, MergeModelsOrchestration.RunAsync);
        registry.AddActivityFunc<SubmitMergeJobInput, MergeSubmission>(MergeActivityNames.SubmitMergeJob, (_, input) => activities().SubmitMergeJobAsync(input));
        registry.AddActivityFunc<string, MergeJobStatus>(MergeActivityNames.GetMergeJob, (_, input) => activities().GetMergeJobAsync(input));
        registry.AddActivityFunc<UploadMergeOutputsInput, IReadOnlyList<StoredModelFile>>(MergeActivityNames.UploadMergeOutputs, (_, input) => activities().UploadMergeOutputsAsync(input));
        registry.AddActivityFunc<RecordMergeManifestInput, MergeManifest>(MergeActivityNames.RecordMergeManifest, (_, input) => activities().RecordMergeManifestAsync(input));
        return registry;
    }
}
