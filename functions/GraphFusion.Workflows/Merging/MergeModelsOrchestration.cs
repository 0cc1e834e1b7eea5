using System.Security.Cryptography;
using System.Text;
using GraphFusion.Core.Events;
using GraphFusion.Core.Storage;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows.Merging;

/// <summary>
/// Merges models on the worker: submit the recipe → poll the job with durable timers (no sleeping in the orchestrator)
/// until it finishes or the timeout passes → stream its output files to <c>models/{job id}/</c> → record the manifest
/// → publish <c>model.merged</c>. A refused recipe ends the run with its problems and
/// records nothing (there is no job). Deterministic: all I/O happens in activities.
/// </summary>
public static class MergeModelsOrchestration
{
    /// <summary>The container merged models are stored in.</summary>
    public const string ModelsContainer = "models";

    /// <summary>One run per recipe content: a re-delivered or identical re-upload reuses the instance.</summary>
    public static string InstanceId(MergeModelsRequest request) => $"merge-{request.RecipeSha256[..Math.Min(32, request.RecipeSha256.Length)]}";

    /// <summary>The orchestration input for recipe bytes read from <paramref name="reference"/>.</summary>
    public static MergeModelsRequest ForRecipe(string reference, byte[] content) =>
        new(reference, Encoding.UTF8.GetString(content), Convert.ToHexStringLower(SHA256.HashData(content)));

    public static async Task<MergeManifest> RunAsync(TaskOrchestrationContext context, MergeModelsRequest request)
    {
        context.SetCustomStatus(new MergeModelsProgress("submitting", null, 0, 0, 0));
        var submission = await context.CallActivityAsync<MergeSubmission>(
            MergeActivityNames.SubmitMergeJob, new SubmitMergeJobInput(request, context.InstanceId), PipelineRetry.Default);
        if (!submission.Accepted)
        {
            context.SetCustomStatus(new MergeModelsProgress("rejected", null, 0, 0, 0));
            return new MergeManifest(string.Empty, "rejected", request.RecipeReference, request.RecipeSha256, request.Recipe, string.Empty, [], null, [],
                null, null, context.CurrentUtcDateTime, context.CurrentUtcDateTime, context.CurrentUtcDateTime, submission.Error, submission.Problems);
        }

        var job = submission.Job!;
        string? error = null;
        var deadline = context.CurrentUtcDateTime.AddMinutes(request.TimeoutMinutes);
        var wait = TimeSpan.FromSeconds(Math.Max(0.1, request.PollSeconds));
        try
        {
            while (!job.IsFinished)
            {
                if (context.CurrentUtcDateTime >= deadline)
                {
                    error = $"gave up waiting for job {job.Id} after {request.TimeoutMinutes} minutes";
                    break;
                }

                ReportProgress(context, job);
                await context.CreateTimer(context.CurrentUtcDateTime + wait, CancellationToken.None);
                wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 1.5, Math.Max(request.MaxPollSeconds, request.PollSeconds)));
                job = await context.CallActivityAsync<MergeJobStatus>(MergeActivityNames.GetMergeJob, job.Id, PipelineRetry.Default);
            }
        }
        catch (TaskFailedException ex)
        {
            error = $"lost track of job {job.Id}: {ex.FailureDetails.ErrorMessage}";
        }

        IReadOnlyList<StoredModelFile>? stored = null;
        if (error is null && job.State == MergeJobStatus.Succeeded && job.Result is { } result)
        {
            context.SetCustomStatus(new MergeModelsProgress("uploading", job.Id, job.Progress?.TensorsDone ?? 0, job.Progress?.TensorsTotal ?? 0, job.Progress?.BytesRead ?? 0));
            try
            {
                stored = await context.CallActivityAsync<IReadOnlyList<StoredModelFile>>(
                    MergeActivityNames.UploadMergeOutputs, new UploadMergeOutputsInput(job.Id, result.Files), PipelineRetry.Default);
            }
            catch (TaskFailedException ex)
            {
                error = $"merged, but could not store the outputs in {ModelsContainer}/: {ex.FailureDetails.ErrorMessage}";
            }
        }

        if (error is not null)
        {
            job = job with { State = MergeJobStatus.Failed };
        }

        context.SetCustomStatus(new MergeModelsProgress("recording", job.Id, job.Progress?.TensorsDone ?? 0, job.Progress?.TensorsTotal ?? 0, job.Progress?.BytesRead ?? 0));
        var manifest = await context.CallActivityAsync<MergeManifest>(
            MergeActivityNames.RecordMergeManifest, new RecordMergeManifestInput(request, job, error, stored), PipelineRetry.Default);
        context.SetCustomStatus(new MergeModelsProgress(manifest.Status, job.Id, job.Progress?.TensorsDone ?? 0, job.Progress?.TensorsTotal ?? 0, job.Progress?.BytesRead ?? 0));
        if (manifest.Status == MergeJobStatus.Succeeded)
        {
            var model = Path.GetFileName((manifest.OutputDirectory ?? string.Empty).TrimEnd('/', '\\'));
            await EventPublishing.PublishAsync(context, GraphEvents.ModelMerged(
                context.InstanceId, EventPublishing.Now(context), new ModelMergedData(model, manifest.Method, $"{ModelsContainer}/{MergeManifest.OutputPrefix(job.Id)}")));
        }

        return manifest;
    }

    private static void ReportProgress(TaskOrchestrationContext context, MergeJobStatus job) =>
        context.SetCustomStatus(new MergeModelsProgress(job.State, job.Id, job.Progress?.TensorsDone ?? 0, job.Progress?.TensorsTotal ?? 0, job.Progress?.BytesRead ?? 0));
}
