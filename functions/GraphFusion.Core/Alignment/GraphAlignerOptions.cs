namespace GraphFusion.Core.Alignment;

/// <summary>Settings of <see cref="GraphAligner"/>.</summary>
public sealed record GraphAlignerOptions
{
    /// <summary>Weight of the name cosine in a pair's score (0 ignores names).</summary>
    public float NameWeight { get; init; } = 1f;

    /// <summary>Weight of the structural cosine in a pair's score.</summary>
    public float StructureWeight { get; init; } = 1f;

    /// <summary>Self-training rounds: each re-scores with the matches of the previous one as extra seeds.</summary>
    public int Rounds { get; init; } = 4;

    /// <summary>
    /// Keep every round's accepted pairs as seeds of the next and compare only the entities still unmatched, so the
    /// matched set grows round by round; otherwise each round starts again from the given seeds.
    /// </summary>
    /// <remarks>On by default: on DBP15K fr-en it lifts structure-only Hits@1 from 0.586 to 0.639 and keeps named Hits@1 at 0.995.</remarks>
    public bool ExpandSeeds { get; init; } = true;

    /// <summary>Lowest score at which a mutual-best pair becomes a seed for the next round.</summary>
    public float AcceptScore { get; init; } = 0.15f;

    /// <summary>How far a mutual-best pair must lead each end's runner-up to become a seed.</summary>
    public float AcceptMargin { get; init; } = 0.01f;

    /// <summary>Candidates kept per left entity.</summary>
    public int CandidatesPerEntity { get; init; } = 10;

    /// <summary>
    /// While propagating, each left entity is compared only with its best name matches and its best structural
    /// matches, this many of each (the evaluation scores its candidates exactly).
    /// </summary>
    public int BlockSize { get; init; } = 20;

    /// <summary>Shortest character n-gram of the name model.</summary>
    public int MinNGram { get; init; } = 2;

    /// <summary>Longest character n-gram of the name model.</summary>
    public int MaxNGram { get; init; } = 4;

    /// <summary>Threads for scoring (results do not depend on it).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
