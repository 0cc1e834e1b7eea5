using ILGPU;
using ILGPU.Runtime;

namespace GraphFusion.Merging.Gpu;

/// <summary>Scalars of one kernel launch (flags as ints: kernel parameters must be blittable).</summary>
internal struct MergeLaunchParameters
{
    public const int NoSparsifier = 0;
    public const int TopMagnitude = 1;
    public const int RandomDrop = 2;

    /// <summary>Number of models; model i's values start at i·<see cref="Count"/> in the models view.</summary>
    public int Models;

    /// <summary>Elements in this block.</summary>
    public int Count;

    /// <summary>Index of the block's first element in the whole tensor (positions the DARE random stream).</summary>
    public long Start;

    public int UsesBase;
    public int Sparsifier;
    public int DisjointMean;
    public int Normalize;
    public int ApplyLambda;
    public float Lambda;
}

/// <summary>
/// The element-wise merge as one ILGPU kernel, one thread per element, with the CPU kernel's arithmetic in the
/// same order: τ_i = θ_i − θ_base; TIES trim by the per-model threshold computed on the CPU; DARE drop by the
/// SplitMix64 value at the element's position in the model's stream (the same value the CPU draws); weighted sum
/// in float or sign election and disjoint mean in double; λ and the base added back.
/// </summary>
/// <remarks>
/// Per-model parameters come in two interleaved views: <c>floats[2i]</c> is the trim threshold (TIES) or the
/// rescale factor 1/density (DARE), <c>floats[2i+1]</c> the weighted-sum weight; <c>doubles[2i]</c> the raw weight,
/// <c>doubles[2i+1]</c> the density.
/// </remarks>
internal static class ElementwiseMergeKernels
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static void Merge(Index1D index, ArrayView1D<float, Stride1D.Dense> baseValues, ArrayView1D<float, Stride1D.Dense> models,
        ArrayView1D<float, Stride1D.Dense> floats, ArrayView1D<double, Stride1D.Dense> doubles, ArrayView1D<ulong, Stride1D.Dense> randomStates,
        ArrayView1D<float, Stride1D.Dense> result, MergeLaunchParameters p)
    {
        int e = index;
        float b = p.UsesBase != 0 ? baseValues[e] : 0f;
        float r;
        if (p.DisjointMean != 0)
        {
            r = DisjointMean(e, b, models, floats, doubles, randomStates, p);
        }
        else
        {
            r = 0f;
            for (int i = 0; i < p.Models; i++)
            {
                r = (TaskValue(i, e, b, models, floats, doubles, randomStates, p) * floats[(2 * i) + 1]) + r;
            }
        }
        if (p.UsesBase != 0)
        {
            if (p.ApplyLambda != 0)
            {
                r *= p.Lambda;
            }
            r += b;
        }
        result[e] = r;
    }

    private static float DisjointMean(int e, float b, ArrayView1D<float, Stride1D.Dense> models, ArrayView1D<float, Stride1D.Dense> floats,
        ArrayView1D<double, Stride1D.Dense> doubles, ArrayView1D<ulong, Stride1D.Dense> randomStates, MergeLaunchParameters p)
    {
        double sum = 0;
        for (int i = 0; i < p.Models; i++)
        {
            sum += doubles[2 * i] * TaskValue(i, e, b, models, floats, doubles, randomStates, p);
        }
        if (sum == 0)
        {
            return 0f;
        }
        bool positive = sum > 0;
        double acc = 0, wsum = 0;
        for (int i = 0; i < p.Models; i++)
        {
            float v = TaskValue(i, e, b, models, floats, doubles, randomStates, p);
            if (v != 0 && (v > 0) == positive)
            {
                acc += doubles[2 * i] * v;
                wsum += doubles[2 * i];
            }
        }
        return (float)(p.Normalize != 0 ? (wsum != 0 ? acc / wsum : 0) : acc);
    }

    /// <summary>Model <paramref name="i"/>'s sparsified task vector at element <paramref name="e"/>.</summary>
    private static float TaskValue(int i, int e, float b, ArrayView1D<float, Stride1D.Dense> models, ArrayView1D<float, Stride1D.Dense> floats,
        ArrayView1D<double, Stride1D.Dense> doubles, ArrayView1D<ulong, Stride1D.Dense> randomStates, MergeLaunchParameters p)
    {
        float v = models[((long)i * p.Count) + e];
        if (p.UsesBase != 0)
        {
            v -= b;
        }
        if (p.Sparsifier == MergeLaunchParameters.TopMagnitude)
        {
            float threshold = floats[2 * i];
            // +∞ means "keep nothing" (k = 0): cleared outright, infinities and NaN included, as on the CPU.
            if (threshold == float.PositiveInfinity || IntrinsicMath.Abs(v) < threshold)
            {
                return 0f;
            }
        }
        else if (p.Sparsifier == MergeLaunchParameters.RandomDrop)
        {
            double density = doubles[(2 * i) + 1];
            if (density < 1)
            {
                if (density <= 0)
                {
                    return 0f;
                }
                v = UniformAt(randomStates[i], p.Start + e) < density ? v * floats[2 * i] : 0f;
            }
        }
        return v;
    }

    /// <summary>SplitMix64's NextDouble for element <paramref name="position"/>: the (position+1)-th output of the stream.</summary>
    private static double UniformAt(ulong state, long position)
    {
        ulong z = state + ((ulong)(position + 1) * Golden);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (long)(z >> 11) * (1.0 / 9007199254740992.0);
    }
}
