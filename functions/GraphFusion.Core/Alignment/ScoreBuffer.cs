namespace GraphFusion.Core.Alignment;

/// <summary>
/// A dense score accumulator over the rows of one side that remembers which rows it touched, so that it can
/// be read and cleared in time proportional to the touched rows rather than to the side's size.
/// </summary>
public sealed class ScoreBuffer
{
    private readonly float[] _scores;
    private readonly bool[] _touchedFlag;
    private readonly List<int> _touched = [];

    /// <param name="size">Number of rows.</param>
    public ScoreBuffer(int size)
    {
        _scores = new float[size];
        _touchedFlag = new bool[size];
    }

    /// <summary>Rows with a score, in first-touch order.</summary>
    public IReadOnlyList<int> Touched => _touched;

    /// <summary>The score of a row (0 when untouched).</summary>
    public float this[int row] => _scores[row];

    /// <summary>Adds to a row's score.</summary>
    public void Add(int row, float value)
    {
        if (!_touchedFlag[row])
        {
            _touchedFlag[row] = true;
            _touched.Add(row);
        }

        _scores[row] += value;
    }

    /// <summary>Resets the touched rows to zero.</summary>
    public void Clear()
    {
        foreach (var row in _touched)
        {
            _scores[row] = 0;
            _touchedFlag[row] = false;
        }

        _touched.Clear();
    }
}
