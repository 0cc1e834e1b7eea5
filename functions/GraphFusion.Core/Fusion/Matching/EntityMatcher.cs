using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Fusion.Matching;

public sealed record MatchingOptions
{
    public BlockingOptions Blocking { get; init; } = new();
    public PairScorerOptions Scoring { get; init; } = new();
    public ClusteringOptions Clustering { get; init; } = new();
}

/// <summary>
/// Unsupervised entity matching: blocking proposes pairs, the pair scorer weighs lexical, type and neighbourhood evidence,
/// and coherent clustering groups the candidates; each cluster is named by <see cref="EntityBuilder.CanonicalName"/>.
/// </summary>
public sealed class EntityMatcher(MatchingOptions options)
{
    public static EntityMatcher Default { get; } = new(new MatchingOptions());

    public MatchResult Match(IReadOnlyList<MatchCandidate> candidates)
    {
        var scorer = new PairScorer(candidates, options.Scoring);
        var pairs = new CandidateBlocker(options.Blocking).Block(scorer.MainNames);
        return Cluster(candidates, scorer, pairs);
    }

    /// <summary>As <see cref="Match"/>, with embedding nearest neighbours added to the blocked pairs when an embedder is given.</summary>
    public async Task<MatchResult> MatchAsync(IReadOnlyList<MatchCandidate> candidates, ITextEmbedder? embedder, CancellationToken cancellationToken)
    {
        var scorer = new PairScorer(candidates, options.Scoring);
        var pairs = await new CandidateBlocker(options.Blocking).BlockAsync(scorer.MainNames, embedder, cancellationToken);
        return Cluster(candidates, scorer, pairs);
    }

    private MatchResult Cluster(IReadOnlyList<MatchCandidate> candidates, PairScorer scorer, IReadOnlyList<(int A, int B)> pairs)
    {
        var scored = 0;
        var groups = CoherentClusterer.Cluster(candidates.Count, pairs, (a, b) =>
        {
            scored++;
            return scorer.Score(a, b);
        }, options.Clustering);

        var clusters = groups
            .Select(group => new MatchCluster(
                group.Select(i => candidates[i].Id).Order(StringComparer.Ordinal).ToList(),
                EntityBuilder.CanonicalName(group.SelectMany(i => candidates[i].Names.Select((n, k) => (n, k == 0 ? candidates[i].Count : 1))).ToList()),
                Cohesion(group, scorer)))
            .OrderBy(c => c.Ids[0], StringComparer.Ordinal)
            .ToList();
        return new MatchResult(clusters, candidates.Count, pairs.Count, scored);
    }

    private static double Cohesion(IReadOnlyList<int> group, PairScorer scorer)
    {
        if (group.Count < 2)
        {
            return 1;
        }

        double sum = 0;
        var n = 0;
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count; j++)
            {
                sum += scorer.Score(group[i], group[j]);
                n++;
            }
        }

        return Math.Round(sum / n, 4);
    }
}
