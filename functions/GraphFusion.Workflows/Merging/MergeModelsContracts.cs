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

/// <summary>Input of <c>RecordMergeManifest</c>.</summary>
public sealed record RecordMergeManifestInput(MergeModelsRequest Request, MergeJobStatus Job, string? Error);

/// <summary>
/// Provenance of one merge, stored in the graph store's state as <c>merge:{JobId}</c>: the recipe and its hash,
/// every input file with its SHA-256, the method, the outputs with their SHA-256, and when it ran.
/// </summary>
public sealed record MergeManifest(
    string JobId, string Status, string RecipeReference, string RecipeSha256, string Recipe, string Method,
    IReadOnlyList<MergeInput> Inputs, string? OutputDirectory, IReadOnlyList<MergeFile> Outputs,
    double? ElapsedSeconds, double? ReconstructionError, DateTimeOffset SubmittedAt, DateTimeOffset? CompletedAt,
    DateTimeOffset RecordedAt, string? Error, IReadOnlyList<string> Problems)
{
    public static string StateId(string jobId) => $"merge:{jobId}";
}

/// <summary>Custom status of a running <c>MergeModels</c> orchestration.</summary>
public sealed record MergeModelsProgress(string Stage, string? JobId, int TensorsDone, int TensorsTotal, long BytesRead);
