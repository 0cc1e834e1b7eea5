namespace GraphFusion.Workflows.Merging;

/// <summary>The merge worker, as the orchestration sees it; hosts implement it over HTTP.</summary>
public interface IMergeJobClient
{
    /// <summary>
    /// Submits a merge. The same <paramref name="idempotencyKey"/> always returns the same job, so retried
    /// submissions do not start a second merge. A refused recipe is an answer, not an exception.
    /// </summary>
    Task<MergeSubmission> SubmitAsync(MergeJobRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The job's current state, or null when the worker does not know it (restarted, or history trimmed).</summary>
    Task<MergeJobStatus?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Opens one output file of a succeeded job (a path from its result's file list) for streaming.</summary>
    Task<Stream> OpenOutputFileAsync(string jobId, string path, CancellationToken cancellationToken);
}
