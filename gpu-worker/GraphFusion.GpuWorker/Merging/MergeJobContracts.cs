using GraphFusion.Merging.Recipes;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>JSON body of <c>POST /v1/merges</c> (a YAML body is the recipe alone, with <c>?output=</c>).</summary>
/// <param name="Recipe">The recipe YAML; model paths are relative to the models root.</param>
/// <param name="Output">Output folder name under the output root; default the job id.</param>
public sealed record MergeJobRequest(string? Recipe, string? Output);

/// <summary>A file with its size and SHA-256; <paramref name="Path"/> is relative to the models root (inputs) or the output folder (outputs).</summary>
public sealed record MergeFileView(string Path, long SizeBytes, string Sha256);

/// <summary>One recipe input and its files.</summary>
/// <param name="Model">The path as written in the recipe.</param>
/// <param name="Role"><c>base</c> or <c>model</c>.</param>
/// <param name="Files">Its files (empty until hashed, or when hashing is off).</param>
public sealed record MergeInputView(string Model, string Role, IReadOnlyList<MergeFileView> Files);

/// <summary>Progress of a job.</summary>
public sealed record MergeProgressView(int TensorsDone, int TensorsTotal, long BytesRead, long BytesWritten, string? CurrentTensor);

/// <summary>What a finished merge produced; <paramref name="Accelerator"/> names the kernel that did the element-wise math (<c>cpu-simd</c>, <c>ilgpu-cuda</c>, <c>ilgpu-cpu</c>).</summary>
public sealed record MergeResultView(
    string OutputDirectory, string OutputKind, string Method, double ElapsedSeconds, int TensorsWritten, int TensorsSkipped,
    long BytesRead, double? ReconstructionError, double? MaxModuleReconstructionError, IReadOnlyList<MergeFileView> Files, string? Accelerator = null);

/// <summary>
/// The state of a job as <c>GET /v1/merges/{id}</c> returns it; <c>State</c> is <c>queued</c>, <c>running</c>,
/// <c>hashing</c> (inputs, after the merge), <c>succeeded</c> or <c>failed</c>.
/// </summary>
public sealed record MergeJobView(
    string Id, string State, string Output, string Method, DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    MergeProgressView Progress, MergeResultView? Result, IReadOnlyList<MergeInputView> Inputs, string? Error);

/// <summary>The validator's findings, returned with 400.</summary>
public sealed record MergeValidationView(string? OutputKind, int TensorsToMerge, int TensorsToCopy, int TensorsSkipped)
{
    public static MergeValidationView From(ValidationReport report) =>
        new(report.OutputKind?.ToString(), report.TensorsToMerge, report.TensorsToCopy, report.TensorsSkipped);
}

/// <summary>Error body of the merge endpoints: a message, a code and, for recipe problems, every problem found.</summary>
public sealed record MergeErrorResponse(string Error, string Code, IReadOnlyList<string> Problems, MergeValidationView? Report = null);

/// <summary>Job states.</summary>
public static class MergeJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Hashing = "hashing";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
