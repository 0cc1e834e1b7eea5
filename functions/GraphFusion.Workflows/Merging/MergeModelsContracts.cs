using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows.Merging;

/// <summary>Input of the <c>MergeModels</c> orchestration.</summary>
/// <param name="RecipeReference">Where the recipe came from (e.g. <c>merges/team/recipe.yaml</c>).</param>
/// <param name="Recipe">The recipe YAML.</param>
/// <param name="RecipeSha256">SHA-256 of the recipe bytes.</param>
/// <param name="Output">Output folder name on the worker; null lets the worker use the job id.</param>
/// <param name="PollSeconds">First wait between status checks; it grows by half each time up to <paramref name="MaxPollSeconds"/>.</param>
/// <param name="MaxPollSeconds">Longest wait between status checks.</param>
/// <param name="TimeoutMinutes">Give up waiting (the manifest records a failure) after this long.</param>
public sealed record MergeModelsRequest(
    string RecipeReference, string Recipe, string RecipeSha256, string? Output = null,
    double PollSeconds = 5, double MaxPollSeconds = 60, double TimeoutMinutes = 24 * 60);

/// <summary>Input of <c>SubmitMergeJob</c>: the request and the idempotency key (the orchestration instance id).</summary>
public sealed record SubmitMergeJobInput(MergeModelsRequest Request, string IdempotencyKey);

/// <summary>Input of <c>UploadMergeOutputs</c>: the job whose output files go to <c>models/{JobId}/</c>.</summary>
public sealed record UploadMergeOutputsInput(string JobId, IReadOnlyList<MergeFile> Files);

/// <summary>Input of <c>RecordMergeManifest</c>; <paramref name="Stored"/> lists the outputs as stored in <c>models/</c>.</summary>
public sealed record RecordMergeManifestInput(MergeModelsRequest Request, MergeJobStatus Job, string? Error, IReadOnlyList<StoredModelFile>? Stored = null);

/// <summary>
/// Provenance of one merge, stored in the graph store's state as <c>merge:{JobId}</c>: the recipe and its hash,
/// every input file with its SHA-256, the method, the outputs with their SHA-256 on the worker and as stored in the
/// <c>models</c> container (<paramref name="StoredOutputs"/>: blob URIs with the hashes checked on upload), when it ran,
/// and the kernel the worker merged with (<paramref name="Accelerator"/>: <c>cpu-simd</c> or <c>ilgpu-cuda</c>).
/// </summary>
public sealed record MergeManifest(
    string JobId, string Status, string RecipeReference, string RecipeSha256, string Recipe, string Method,
    IReadOnlyList<MergeInput> Inputs, string? OutputDirectory, IReadOnlyList<MergeFile> Outputs,
    double? ElapsedSeconds, double? ReconstructionError, DateTimeOffset SubmittedAt, DateTimeOffset? CompletedAt,
    DateTimeOffset RecordedAt, string? Error, IReadOnlyList<string> Problems, IReadOnlyList<StoredModelFile>? StoredOutputs = null,
    string? Accelerator = null)
{
    public static string StateId(string jobId) => $"merge:{jobId}";

    /// <summary>Blob name prefix of a merge's outputs in the <c>models</c> container.</summary>
    public static string OutputPrefix(string jobId) => $"{jobId}/";
}

/// <summary>Custom status of a running <c>MergeModels</c> orchestration.</summary>
public sealed record MergeModelsProgress(string Stage, string? JobId, int TensorsDone, int TensorsTotal, long BytesRead);
