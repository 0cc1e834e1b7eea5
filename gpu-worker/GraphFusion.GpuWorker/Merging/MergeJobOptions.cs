namespace GraphFusion.GpuWorker.Merging;

/// <summary>
/// Merge job settings (section <c>Merging</c>). Recipes may only name models under <see cref="ModelsRoot"/>;
/// outputs go to <see cref="OutputRoot"/>. In Azure both are a mount of the storage account's <c>models/</c> share
/// (Azure Files, or a Blob container through BlobFuse), so merged outputs land next to the inputs.
/// </summary>
public sealed class MergeJobOptions
{
    public const string Section = "Merging";

    /// <summary>The only folder recipe model paths may resolve under; merges are refused while it is unset.</summary>
    public string? ModelsRoot { get; set; }

    /// <summary>Where outputs are written (<c>{OutputRoot}/{output or job id}</c>); default <c>{ModelsRoot}/merged</c>.</summary>
    public string? OutputRoot { get; set; }

    /// <summary>Jobs that run at once (1 or 2: a merge already uses several cores and most of the disk bandwidth).</summary>
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Jobs that may wait; beyond that submissions get 429.</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>Finished jobs kept for <c>GET /v1/merges/{id}</c>; the oldest are forgotten first.</summary>
    public int HistoryLimit { get; set; } = 100;

    /// <summary>Largest recipe accepted, in bytes.</summary>
    public int MaxRecipeBytes { get; set; } = 256 * 1024;

    /// <summary>Compute the SHA-256 of every input file after a merge (for the provenance manifest).</summary>
    public bool HashInputs { get; set; } = true;

    /// <summary>
    /// Where the element-wise merge math runs: <c>auto</c> (CUDA through ILGPU when a CUDA device is found, else
    /// the CPU SIMD kernel), <c>cpu</c>, <c>cuda</c> (merges fail when there is no CUDA device) or <c>ilgpu-cpu</c>
    /// (ILGPU's CPU accelerator, for verification only).
    /// </summary>
    public string Accelerator { get; set; } = "auto";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ModelsRoot);

    public string ResolvedModelsRoot => Path.TrimEndingDirectorySeparator(Path.GetFullPath(ModelsRoot ?? throw new InvalidOperationException("Merging:ModelsRoot is not set.")));

    public string ResolvedOutputRoot => string.IsNullOrWhiteSpace(OutputRoot)
        ? Path.Combine(ResolvedModelsRoot, "merged")
        : Path.TrimEndingDirectorySeparator(Path.GetFullPath(OutputRoot));

    public int Workers => Math.Clamp(MaxConcurrentJobs, 1, 2);
}
