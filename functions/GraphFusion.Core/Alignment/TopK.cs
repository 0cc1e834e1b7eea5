namespace GraphFusion.Core.Alignment;

/// <summary>The k highest-scoring rows offered (ties broken by lower row index).</summary>
public sealed class TopK
{
    private readonly int _k;
    private readonly List<(int Row, float Score)> _items;

    /// <param name="k">How many to keep.</param>
    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _k = k;
        _items = new List<(int, float)>(k + 1);
    }

    /// <summary>Considers one row.</summary>
    public void Offer(int row, float score)
    {
        if (_items.Count == _k && !Better(row, score, _items[^1]))
        {
            return;
        }

        var at = _items.Count;
        while (at > 0 && Better(row, score, _items[at - 1]))
        {
            at--;
        }

        _items.Insert(at, (row, score));
        if (_items.Count > _k)
        {
            _items.RemoveAt(_k);
        }
    }

    /// <summary>The kept rows as pairs with a left entity, best first.</summary>
    public ScoredPair[] Result(int left) => [.. _items.Select(i => new ScoredPair(left, i.Row, i.Score))];

    private static bool Better(int row, float score, (int Row, float Score) other) =>
        score > other.Score || (score == other.Score && row < other.Row);
}
