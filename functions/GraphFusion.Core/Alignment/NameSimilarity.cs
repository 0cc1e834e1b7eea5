namespace GraphFusion.Core.Alignment;

/// <summary>
/// Name evidence between two graphs: character n-gram TF-IDF vectors of the folded URI names
/// (<see cref="EntityLabel"/>), with the right side indexed so that one left entity's cosines with every
/// right entity sharing an n-gram come out of one pass over the postings.
/// </summary>
public sealed class NameSimilarity
{
    private readonly SparseVector[] _left;
    private readonly SparseVector[] _right;
    private readonly InvertedIndex _rightIndex;

    /// <summary>Vectorises the names of both graphs with one shared vocabulary.</summary>
    public NameSimilarity(KnowledgeGraph left, KnowledgeGraph right, int minN = 2, int maxN = 4)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var leftNames = left.Uris.Select(EntityLabel.FoldedFromUri).ToArray();
        var rightNames = right.Uris.Select(EntityLabel.FoldedFromUri).ToArray();
        var vectorizer = new CharNGramVectorizer(minN, maxN);
        vectorizer.Fit(leftNames);
        vectorizer.Fit(rightNames);
        _left = leftNames.Select(vectorizer.Vectorize).ToArray();
        _right = rightNames.Select(vectorizer.Vectorize).ToArray();
        _rightIndex = new InvertedIndex(_right, vectorizer.VocabularySize);
    }

    /// <summary>Adds <c>weight · cos(left, r)</c> for every right entity r sharing an n-gram with the left entity.</summary>
    public void Accumulate(int left, float weight, ScoreBuffer scores) => _rightIndex.Accumulate(_left[left], weight, scores);

    /// <summary>The k right entities with the highest name cosine for every left entity (computed once, in parallel).</summary>
    public ScoredPair[][] TopMatches(int k, int maxDegreeOfParallelism)
    {
        var result = new ScoredPair[_left.Length][];
        Parallel.For(
            0,
            _left.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) },
            () => new ScoreBuffer(_right.Length),
            (l, _, buffer) =>
            {
                buffer.Clear();
                _rightIndex.Accumulate(_left[l], 1f, buffer);
                var top = new TopK(k);
                foreach (var r in buffer.Touched)
                {
                    top.Offer(r, buffer[r]);
                }

                result[l] = top.Result(l);
                buffer.Clear();
                return buffer;
            },
            _ => { });
        return result;
    }

    /// <summary>The name cosine of one pair.</summary>
    public float Cosine(int left, int right) => _left[left].Dot(_right[right]);
}
