namespace GraphFusion.Core.Pipeline;

/// <summary>Align the graphs a job file names. <paramref name="ContentHash"/> is the job's content when it was uploaded.</summary>
public sealed record AlignGraphsRequest(string Job, string? ContentHash = null);

/// <summary>Outcomes of an alignment job.</summary>
public static class AlignmentOutcomes
{
    public const string Aligned = nameof(Aligned);
    public const string Failed = nameof(Failed);

    /// <summary>The job file changed since this run was requested: the run for the new content decides.</summary>
    public const string Superseded = nameof(Superseded);

    /// <summary>The job file no longer exists.</summary>
    public const string Missing = nameof(Missing);
}

/// <summary>
/// What an alignment job did: its outcome, the graphs' sizes, the pairs written (seeds included) and, with a chat model,
/// how many entities its vote decided and how many pairs that changed. <paramref name="Pairs"/> and
/// <paramref name="Report"/> locate the written results; <paramref name="Error"/> names the file and line at fault.
/// </summary>
public sealed record AlignGraphsOutcome(
    string Job,
    string Status,
    int LeftEntities = 0,
    int RightEntities = 0,
    int Seeds = 0,
    int PairsWritten = 0,
    int LlmRounds = 0,
    int LlmDecided = 0,
    int LlmChanged = 0,
    double Seconds = 0,
    string? Pairs = null,
    string? Report = null,
    string? Error = null);
