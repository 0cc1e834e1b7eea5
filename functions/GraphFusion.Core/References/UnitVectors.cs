using System.Numerics.Tensors;
using GraphFusion.Core.Alignment;

namespace GraphFusion.Core.References;

/// <summary>Equal-length vectors scaled to unit length in one contiguous block, searched by brute-force cosine.</summary>
internal sealed class UnitVectors
{
    private readonly float[] _rows;

    private UnitVectors(float[] rows, int count, int dimensions)
    {
        _rows = rows;
        Count = count;
        Dimensions = dimensions;
    }

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>Null when the vectors differ in length; a zero vector stays zero (it is near nothing).</summary>
    public static UnitVectors? Of(IReadOnlyList<float[]> vectors)
    {
        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        if (vectors.Any(v => v is null || v.Length != dimensions))
        {
            return null;
        }

        var rows = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            Normalise(vectors[i], rows.AsSpan(i * dimensions, dimensions));
        }

        return new UnitVectors(rows, vectors.Count, dimensions);
    }

    public IReadOnlyList<(int Index, double Cosine)> Nearest(float[] query, int k, double minCosine)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length != Dimensions || Dimensions == 0 || k <= 0)
        {
            return [];
        }

        var unit = new float[Dimensions];
        Normalise(query, unit);
        var top = new TopK(k);
        for (var i = 0; i < Count; i++)
        {
            var cosine = TensorPrimitives.Dot(_rows.AsSpan(i * Dimensions, Dimensions), unit);
            if (cosine >= minCosine)
            {
                top.Offer(i, cosine);
            }
        }

        return [.. top.Result(0).Select(p => (p.Right, (double)p.Score))];
    }

    private static void Normalise(ReadOnlySpan<float> vector, Span<float> into)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, into);
        }
        else
        {
            into.Clear();
        }
    }
}
