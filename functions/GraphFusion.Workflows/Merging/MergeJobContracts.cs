namespace GraphFusion.Workflows.Merging;

/// <summary>A merge to submit: the recipe YAML (model paths relative to the worker's models root) and an optional output name.</summary>
public sealed record MergeJobRequest(string Recipe, string? Output);

/// <summary>A file with its size and SHA-256.</summary>
public sealed record MergeFile(string Path, long SizeBytes, string Sha256);

/// <summary>A recipe input (<c>base</c> or <c>model</c>) and its files.</summary>
public sealed record MergeInput(string Model, string Role, IReadOnlyList<MergeFile> Files);

/// <summary>Progress of a merge job.</summary>
public sealed record MergeJobProgress(int TensorsDone, int TensorsTotal, long BytesRead, long BytesWritten, string? CurrentTensor);

/// <summary>What a finished merge produced.</summary>
public sealed record MergeJobResult(
    string OutputDirectory, string OutputKind, string Method, double ElapsedSeconds, int TensorsWritten, int TensorsSkipped,
    long BytesRead, double? ReconstructionError, double? MaxModuleReconstructionError, IReadOnlyList<MergeFile> Files, string? Accelerator = null);

/// <summary>A merge job as the worker reports it.</summary>
public sealed record MergeJobStatus(
    string Id, string State, string Output, string Method, DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    MergeJobProgress? Progress, MergeJobResult? Result, IReadOnlyList<MergeInput>? Inputs, string? Error)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public bool IsFinished => State is Succeeded or Failed;
}

/// <summary>The worker's answer to a submission: the job, or why the recipe was refused (every problem found).</summary>
public sealed record MergeSubmission(MergeJobStatus? Job, string? Error, IReadOnlyList<string> Problems)
{
    public bool Accepted => Job is not null;
}
