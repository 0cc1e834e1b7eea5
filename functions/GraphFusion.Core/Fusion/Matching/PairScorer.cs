using GraphFusion.Core.Extraction;

namespace GraphFusion.Core.Fusion.Matching;

public sealed record PairScorerOptions
{
    /// <summary>Subtracted when both candidates have a known type and the types differ.</summary>
    public double TypeMismatchPenalty { get; init; } = 0.1;

    /// <summary>Weight of the Jaccard overlap of the neighbourhoods, when both candidates have neighbours.</summary>
    public double NeighbourWeight { get; init; } = 0.1;
}

/// <summary>
/// Scores a pair of candidates in [0, 1]: the best name similarity over their surface forms, lowered when their
/// known types disagree and raised by the overlap of their graph neighbourhoods.
/// </summary>
public sealed class PairScorer
{
    private readonly IReadOnlyList<MatchCandidate> candidates;
    private readonly PairScorerOptions options;
    private readonly NameProfile[][] profiles;

    public PairScorer(IReadOnlyList<MatchCandidate> candidates, PairScorerOptions options)
    {
        this.candidates = candidates;
        this.options = options;
        profiles = candidates.Select(c => c.Names.Select(n => new NameProfile(n)).ToArray()).ToArray();
    }

    /// <summary>The main name of each candidate, prepared for blocking.</summary>
    public IReadOnlyList<NameProfile> MainNames => profiles.Select(p => p[0]).ToList();

    public double Score(int a, int b)
    {
        var name = 0.0;
        foreach (var x in profiles[a])
        {
            foreach (var y in profiles[b])
            {
                name = Math.Max(name, NameSimilarity.Score(x, y).Score);
            }
        }

        var score = name;
        if (Known(candidates[a].Type) is { } typeA && Known(candidates[b].Type) is { } typeB && !string.Equals(typeA, typeB, StringComparison.Ordinal))
        {
            score -= options.TypeMismatchPenalty;
        }

        if (candidates[a].Neighbours.Count > 0 && candidates[b].Neighbours.Count > 0)
        {
            score += options.NeighbourWeight * TextSimilarity.Jaccard(candidates[a].Neighbours, candidates[b].Neighbours);
        }

        return Math.Clamp(score, 0, 1);
    }

    private static string? Known(string? type) => type is null || type == EntityTyper.Concept ? null : type;
}
