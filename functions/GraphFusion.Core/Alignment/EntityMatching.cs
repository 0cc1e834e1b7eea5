namespace GraphFusion.Core.Alignment;

/// <summary>A one-to-one partial map between the dense entity indices of two graphs.</summary>
public sealed class EntityMatching
{
    private readonly int[] _leftToRight;
    private readonly int[] _rightToLeft;

    /// <param name="leftCount">Entities on the left.</param>
    /// <param name="rightCount">Entities on the right.</param>
    public EntityMatching(int leftCount, int rightCount)
    {
        _leftToRight = new int[leftCount];
        _rightToLeft = new int[rightCount];
        Array.Fill(_leftToRight, -1);
        Array.Fill(_rightToLeft, -1);
    }

    /// <summary>Number of matched pairs.</summary>
    public int Count { get; private set; }

    /// <summary>Right partner of each left index, or -1.</summary>
    public IReadOnlyList<int> LeftToRight => _leftToRight;

    /// <summary>Left partner of each right index, or -1.</summary>
    public IReadOnlyList<int> RightToLeft => _rightToLeft;

    /// <summary>Matches a pair when both ends are free; returns whether it did.</summary>
    public bool TryAdd(int left, int right)
    {
        if (_leftToRight[left] >= 0 || _rightToLeft[right] >= 0)
        {
            return false;
        }

        _leftToRight[left] = right;
        _rightToLeft[right] = left;
        Count++;
        return true;
    }

    /// <summary>A copy of this matching.</summary>
    public EntityMatching Clone()
    {
        var copy = new EntityMatching(_leftToRight.Length, _rightToLeft.Length);
        for (var l = 0; l < _leftToRight.Length; l++)
        {
            if (_leftToRight[l] >= 0)
            {
                copy.TryAdd(l, _leftToRight[l]);
            }
        }

        return copy;
    }
}
