namespace GraphFusion.Core.Alignment;

/// <summary>
/// Feature → (row, value) postings over a set of sparse vectors, so that the dot products of a query with
/// every row sharing a feature accumulate in one pass instead of comparing all pairs.
/// </summary>
public sealed class InvertedIndex
{
    private readonly int[] _start;
    private readonly int[] _rows;
    private readonly float[] _values;

    /// <param name="rows">The indexed vectors; row i is vector i.</param>
    /// <param name="featureCount">One more than the largest feature index.</param>
    public InvertedIndex(IReadOnlyList<SparseVector> rows, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        RowCount = rows.Count;
        _start = new int[featureCount + 1];
        foreach (var row in rows)
        {
            foreach (var f in row.Indices)
            {
                _start[f + 1]++;
            }
        }

        for (var f = 0; f < featureCount; f++)
        {
            _start[f + 1] += _start[f];
        }

        var fill = _start[..featureCount];
        _rows = new int[_start[featureCount]];
        _values = new float[_rows.Length];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < row.Count; i++)
            {
                var at = fill[row.Indices[i]]++;
                _rows[at] = r;
                _values[at] = row.Values[i];
            }
        }
    }

    /// <summary>Number of indexed rows.</summary>
    public int RowCount { get; }

    /// <summary>Adds <c>scale · query·row</c> into <paramref name="scores"/> for every row sharing a feature with the query.</summary>
    public void Accumulate(SparseVector query, float scale, ScoreBuffer scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        for (var i = 0; i < query.Count; i++)
        {
            var f = query.Indices[i];
            if (f < 0 || f + 1 >= _start.Length)
            {
                continue;
            }

            var q = query.Values[i] * scale;
            for (var p = _start[f]; p < _start[f + 1]; p++)
            {
                scores.Add(_rows[p], q * _values[p]);
            }
        }
    }
}
