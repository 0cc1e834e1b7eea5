using System.Text.Json;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows.Merging;

/// <summary>
/// The merge activity bodies: submit to the worker, read a job's state, copy the outputs to the <c>models</c> store,
/// record the manifest. Each is safe to repeat.
/// </summary>
public sealed class MergeActivities(IMergeJobClient worker, IStateStore state, IModelFileStore models, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Task<MergeSubmission> SubmitMergeJobAsync(SubmitMergeJobInput input) =>
        worker.SubmitAsync(new MergeJobRequest(input.Request.Recipe, input.Request.Output), input.IdempotencyKey, CancellationToken.None);

    /// <summary>The job's state; a job the worker no longer knows is reported as failed.</summary>
    public async Task<MergeJobStatus> GetMergeJobAsync(string jobId) =>
        await worker.GetAsync(jobId, CancellationToken.None)
        ?? new MergeJobStatus(jobId, MergeJobStatus.Failed, string.Empty, string.Empty, default, null, clock.GetUtcNow(), null, null, null,
            $"the worker no longer knows job {jobId} (restarted, or its history was trimmed)");

    /// <summary>Streams each output file from the worker to <c>models/{job id}/{path}</c>; files already stored identically are skipped.</summary>
    public async Task<IReadOnlyList<StoredModelFile>> UploadMergeOutputsAsync(UploadMergeOutputsInput input)
    {
        var stored = new List<StoredModelFile>(input.Files.Count);
        foreach (var file in input.Files)
        {
            stored.Add(await models.StoreAsync(
                MergeManifest.OutputPrefix(input.JobId) + file.Path, file.SizeBytes, file.Sha256,
                cancellationToken => worker.OpenOutputFileAsync(input.JobId, file.Path, cancellationToken), CancellationToken.None));
        }

        return stored;
    }

    public async Task<MergeManifest> RecordMergeManifestAsync(RecordMergeManifestInput input)
    {
        var job = input.Job;
        var result = job.Result;
        var manifest = new MergeManifest(
            job.Id, job.State, input.Request.RecipeReference, input.Request.RecipeSha256, input.Request.Recipe,
            result?.Method ?? job.Method, job.Inputs ?? [], result?.OutputDirectory, result?.Files ?? [],
            result?.ElapsedSeconds, result?.ReconstructionError, job.SubmittedAt, job.CompletedAt, clock.GetUtcNow(),
            input.Error ?? job.Error, [], input.Stored ?? [], result?.Accelerator);
        await state.PutStateAsync(MergeManifest.StateId(job.Id), JsonSerializer.Serialize(manifest, Json), CancellationToken.None);
        return manifest;
    }
}
