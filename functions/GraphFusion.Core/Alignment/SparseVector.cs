namespace GraphFusion.Core.Alignment;

/// <summary>A sparse vector: ascending feature indices and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    /// <summary>The empty vector.</summary>
    public static SparseVector Empty { get; } = new([], []);

    /// <summary>Number of stored entries.</summary>
    public int Count => Indices.Length;

    /// <summary>Dot product of two sparse vectors (merge of the sorted indices).</summary>
    public float Dot(SparseVector other)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < Indices.Length && j < other.Indices.Length)
        {
            var a = Indices[i];
            var b = other.Indices[j];
            if (a == b)
            {
                sum += Values[i++] * other.Values[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}
