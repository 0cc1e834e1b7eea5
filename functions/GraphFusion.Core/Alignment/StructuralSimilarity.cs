namespace GraphFusion.Core.Alignment;

/// <summary>
/// Structural evidence between two graphs under a current matching: for a pair (a, b), the cosine of their
/// neighbourhood vectors (<see cref="NeighbourhoodVectors"/>) after a's neighbours are renamed through the
/// matching. Only matched neighbours contribute, each weighted by the functionality of the relations that link it.
/// </summary>
public sealed class StructuralSimilarity
{
    private readonly SparseVector[] _left;
    private readonly SparseVector[] _right;
    private readonly InvertedIndex _rightIndex;

    /// <summary>Builds the neighbourhood vectors of both graphs and indexes the right ones.</summary>
    public StructuralSimilarity(KnowledgeGraph left, KnowledgeGraph right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        _left = NeighbourhoodVectors.Build(left);
        _right = NeighbourhoodVectors.Build(right);
        _rightIndex = new InvertedIndex(_right, right.Count);
    }

    /// <summary>Adds <c>weight · structural cosine</c> for every right entity adjacent to a match of a left neighbour.</summary>
    public void Accumulate(int left, EntityMatching matching, float weight, ScoreBuffer scores)
    {
        ArgumentNullException.ThrowIfNull(matching);
        _rightIndex.Accumulate(NeighbourhoodVectors.MapThrough(_left[left], matching.LeftToRight), weight, scores);
    }

    /// <summary>The structural cosine of one pair.</summary>
    public float Cosine(int left, int right, EntityMatching matching)
    {
        ArgumentNullException.ThrowIfNull(matching);
        var mapped = NeighbourhoodVectors.MapThrough(_left[left], matching.LeftToRight);
        var neighbours = _right[right];
        float sum = 0;
        for (var i = 0; i < mapped.Count; i++)
        {
            var at = Array.BinarySearch(neighbours.Indices, mapped.Indices[i]);
            if (at >= 0)
            {
                sum += mapped.Values[i] * neighbours.Values[at];
            }
        }

        return sum;
    }
}
