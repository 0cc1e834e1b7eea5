namespace GraphFusion.Core.Seeds;

/// <summary>Dot products and normalisation of dense vectors.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Cosine similarity; 0 when either vector is zero.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = Math.Sqrt(Dot(a, a) * Dot(b, b));
        return norms > 0 ? Dot(a, b) / norms : 0;
    }

    /// <summary>A unit-length copy of <paramref name="vector"/> (a zero vector stays zero).</summary>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        var result = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            result[i] = norm > 0 ? (float)(vector[i] / norm) : 0f;
        }

        return result;
    }

    public static void Add(float[] target, ReadOnlySpan<float> value)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += value[i];
        }
    }
}
