namespace GraphFusion.Core.Alignment;

/// <summary>
/// The score of a pair: <c>NameWeight · name cosine + StructureWeight · structural cosine</c> under a matching.
/// Both parts are symmetric, so the score is the same from either side.
/// </summary>
public sealed class PairScorer
{
    private readonly NameSimilarity? _names;
    private readonly StructuralSimilarity _structure;
    private readonly GraphAlignerOptions _options;
    private readonly Lazy<ScoredPair[][]> _nameTop;

    /// <summary>Builds the name and structure models of two graphs.</summary>
    public PairScorer(KnowledgeGraph left, KnowledgeGraph right, GraphAlignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _names = options.NameWeight > 0 ? new NameSimilarity(left, right, options.MinNGram, options.MaxNGram) : null;
        _structure = new StructuralSimilarity(left, right);
        _nameTop = new Lazy<ScoredPair[][]>(() => _names?.TopMatches(options.BlockSize, options.MaxDegreeOfParallelism) ?? new ScoredPair[left.Count][]);
        LeftCount = left.Count;
        RightCount = right.Count;
    }

    /// <summary>Entities on the left.</summary>
    public int LeftCount { get; }

    /// <summary>Entities on the right.</summary>
    public int RightCount { get; }

    /// <summary>Scores one left entity against every right entity with any evidence (the others score 0).</summary>
    public void ScoreAll(int left, EntityMatching matching, ScoreBuffer scores)
    {
        _names?.Accumulate(left, _options.NameWeight, scores);
        if (_options.StructureWeight > 0)
        {
            _structure.Accumulate(left, matching, _options.StructureWeight, scores);
        }
    }

    /// <summary>
    /// The <paramref name="k"/> best right entities for one left entity, not counting those taken in
    /// <paramref name="excluded"/>, scored exactly but searched only among a block: the left entity's best name
    /// matches and best structural matches (<see cref="GraphAlignerOptions.BlockSize"/> of each).
    /// </summary>
    public ScoredPair[] TopCandidates(int left, EntityMatching matching, EntityMatching excluded, int k, ScoreBuffer scratch)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Clear();
        if (_options.StructureWeight > 0)
        {
            _structure.Accumulate(left, matching, _options.StructureWeight, scratch);
        }

        var block = new TopK(_options.BlockSize);
        foreach (var r in scratch.Touched)
        {
            if (excluded.RightToLeft[r] < 0)
            {
                block.Offer(r, scratch[r]);
            }
        }

        var top = new TopK(k);
        var seen = new HashSet<int>();
        foreach (var pair in block.Result(left))
        {
            seen.Add(pair.Right);
            top.Offer(pair.Right, pair.Score + (_names is null ? 0 : _options.NameWeight * _names.Cosine(left, pair.Right)));
        }

        foreach (var pair in _nameTop.Value[left] ?? [])
        {
            if (excluded.RightToLeft[pair.Right] < 0 && seen.Add(pair.Right))
            {
                top.Offer(pair.Right, (_options.NameWeight * pair.Score) + scratch[pair.Right]);
            }
        }

        scratch.Clear();
        return top.Result(left);
    }

    /// <summary>The score of one pair.</summary>
    public float Score(int left, int right, EntityMatching matching)
    {
        var name = _names is null ? 0 : _options.NameWeight * _names.Cosine(left, right);
        var structure = _options.StructureWeight > 0 ? _options.StructureWeight * _structure.Cosine(left, right, matching) : 0;
        return name + structure;
    }
}
