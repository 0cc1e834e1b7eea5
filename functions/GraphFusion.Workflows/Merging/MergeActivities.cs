using System.Text.Json;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows.Merging;

/// <summary>The merge activity bodies: submit to the worker, read a job's state, record the manifest. Each is safe to repeat.</summary>
public sealed class MergeActivities(IMergeJobClient worker, IStateStore state, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Task<MergeSubmission> SubmitMergeJobAsync(SubmitMergeJobInput input) =>
        worker.SubmitAsync(new MergeJobRequest(input.Request.Recipe, input.Request.Output), input.IdempotencyKey, CancellationToken.None);

    /// <summary>The job's state; a job the worker no longer knows is reported as failed.</summary>
    public async Task<MergeJobStatus> GetMergeJobAsync(string jobId) =>
        await worker.GetAsync(jobId, CancellationToken.None)
        ?? new MergeJobStatus(jobId, MergeJobStatus.Failed, string.Empty, string.Empty, default, null, clock.GetUtcNow(), null, null, null,
            $"the worker no longer knows job {jobId} (restarted, or its history was trimmed)");

    public async Task<MergeManifest> RecordMergeManifestAsync(RecordMergeManifestInput input)
    {
        var job = input.Job;
        var result = job.Result;
        var manifest = new MergeManifest(
            job.Id, job.State, input.Request.RecipeReference, input.Request.RecipeSha256, input.Request.Recipe,
            result?.Method ?? job.Method, job.Inputs ?? [], result?.OutputDirectory, result?.Files ?? [],
            result?.ElapsedSeconds, result?.ReconstructionError, job.SubmittedAt, job.CompletedAt, clock.GetUtcNow(),
            input.Error ?? job.Error, []);
        await state.PutStateAsync(MergeManifest.StateId(job.Id), JsonSerializer.Serialize(manifest, Json), CancellationToken.None);
        return manifest;
    }
}
