namespace GraphFusion.Core.Alignment;

/// <summary>
/// Aligns two knowledge graphs from a few seed pairs without a language model. Each round scores every
/// unmatched left entity against the unmatched right entities (<see cref="PairScorer"/>: names plus neighbours
/// matched so far), then takes the confident mutual-best pairs as extra seeds for the next round, so that
/// structure spreads outwards from the seeds. A final greedy one-to-one pass matches the rest.
/// </summary>
public sealed class GraphAligner
{
    private readonly KnowledgeGraph _left;
    private readonly KnowledgeGraph _right;
    private readonly GraphAlignerOptions _options;

    /// <summary>Prepares the name and structure models of two graphs.</summary>
    public GraphAligner(KnowledgeGraph left, KnowledgeGraph right, GraphAlignerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        _left = left;
        _right = right;
        _options = options ?? new GraphAlignerOptions();
        Scorer = new PairScorer(left, right, _options);
    }

    /// <summary>The pair scorer.</summary>
    public PairScorer Scorer { get; }

    /// <summary>Turns external-id links into a matching of dense indices (links naming unknown ids are skipped).</summary>
    public EntityMatching SeedMatching(IEnumerable<EntityLink> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var matching = new EntityMatching(_left.Count, _right.Count);
        foreach (var link in seeds)
        {
            if (_left.TryGetIndex(link.LeftId, out var l) && _right.TryGetIndex(link.RightId, out var r))
            {
                matching.TryAdd(l, r);
            }
        }

        return matching;
    }

    /// <summary>
    /// Runs the self-training rounds from the seeds. Returns the seeds plus the confident matches found
    /// (the evidence the final scores use).
    /// </summary>
    public EntityMatching Propagate(EntityMatching seeds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var current = seeds.Clone();
        for (var round = 0; round < _options.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fixedPairs = _options.ExpandSeeds ? current : seeds;
            var candidates = Candidates(fixedPairs, current, cancellationToken);
            var next = fixedPairs.Clone();
            foreach (var pair in OneToOneAssignment.MutualBest(candidates, _options.AcceptScore, _options.AcceptMargin))
            {
                next.TryAdd(pair.Left, pair.Right);
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// The full alignment: seeds, then self-training, then a greedy one-to-one assignment of the remaining
    /// candidates. Seeds come back with score 1.
    /// </summary>
    public List<ScoredPair> Align(IEnumerable<EntityLink> seeds, CancellationToken cancellationToken = default)
    {
        var seedMatching = SeedMatching(seeds);
        var evidence = Propagate(seedMatching, cancellationToken);
        var final = seedMatching.Clone();
        var pairs = new List<ScoredPair>();
        for (var l = 0; l < _left.Count; l++)
        {
            if (seedMatching.LeftToRight[l] >= 0)
            {
                pairs.Add(new ScoredPair(l, seedMatching.LeftToRight[l], 1f));
            }
        }

        pairs.AddRange(OneToOneAssignment.Greedy(Candidates(seedMatching, evidence, cancellationToken), final, 1e-6f));
        return pairs;
    }

    /// <summary>The top candidates of every left entity not in <paramref name="excluded"/>, among right entities not in it.</summary>
    public List<ScoredPair> Candidates(EntityMatching excluded, EntityMatching evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(evidence);
        var perLeft = new ScoredPair[_left.Count][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism), CancellationToken = cancellationToken };
        Parallel.For(
            0,
            _left.Count,
            parallel,
            () => new ScoreBuffer(_right.Count),
            (l, _, buffer) =>
            {
                perLeft[l] = excluded.LeftToRight[l] >= 0 ? [] : TopCandidates(l, excluded, evidence, buffer);
                return buffer;
            },
            _ => { });
        return [.. perLeft.SelectMany(p => p)];
    }

    private ScoredPair[] TopCandidates(int left, EntityMatching excluded, EntityMatching evidence, ScoreBuffer buffer) =>
        Scorer.TopCandidates(left, evidence, excluded, _options.CandidatesPerEntity, buffer);
}
