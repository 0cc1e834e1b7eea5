namespace GraphFusion.Core.Fusion.Matching;

/// <summary>
/// Something that may name the same concept as another candidate: a normalised key with its most used surface form,
/// optionally its other surface forms, its type and the ids of its graph neighbours.
/// </summary>
public sealed record MatchCandidate(string Id, string Name)
{
    /// <summary>Other surface forms of the same candidate; a pair is scored on its best pair of names.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The entity type, when known; null or <c>Concept</c> counts as unknown.</summary>
    public string? Type { get; init; }

    /// <summary>Ids of the candidates (or entities) this one is related to, when known.</summary>
    public IReadOnlyCollection<string> Neighbours { get; init; } = [];

    /// <summary>How often the name was used; feeds the canonical-name rule.</summary>
    public int Count { get; init; } = 1;

    public IEnumerable<string> Names => Aliases.Count == 0 ? [Name] : Aliases.Prepend(Name).Distinct(StringComparer.Ordinal);
}

/// <summary>A scored pair of candidates, by their index in the input list.</summary>
public readonly record struct ScoredPair(int A, int B, double Score);

/// <summary>One group of candidates found to name the same concept.</summary>
public sealed record MatchCluster(IReadOnlyList<string> Ids, string CanonicalName, double Cohesion);

/// <summary>The outcome of matching: the clusters (singletons included) and how much work blocking saved.</summary>
public sealed record MatchResult(IReadOnlyList<MatchCluster> Clusters, int Candidates, int CandidatePairs, int ScoredPairs);
