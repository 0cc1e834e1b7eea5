using System.Numerics.Tensors;
using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Methods;

/// <summary>
/// PCB-Merging, Parameter Competition Balancing (Du et al., 2024). For N task vectors of one tensor:
/// intra-balancing β_intra,i = softmax(N·norm(τ_i ⊙ τ_i)); inter-balancing β_inter,i = Σ_j softmax(norm(τ_i ⊙ τ_j));
/// β_i = β_intra,i ⊙ β_inter,i. softmax runs over the entries of the tensor and norm is the z-score over those
/// entries. Entries of β_i outside its top round(density·n) are set to 0 (β̂_i), and
/// θ = θ_base + λ·Σ_i β̂_i ⊙ τ_i / Σ_i β̂_i (0 where the denominator is 0).
/// </summary>
public sealed class PcbMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "pcb";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("density", ParameterScope.Global, null, 0, 1, "fraction of balancing scores kept per task"),
        CommonParameters.Lambda,
    ];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        int count = context.Count;
        int n = context.Length;
        var taus = Enumerable.Range(0, count).Select(context.TaskVector).ToList();
        double density = context.GlobalParameter("density", 1);
        var scores = new List<float[]>(count);
        float[] product = new float[n];
        for (int i = 0; i < count; i++)
        {
            TensorPrimitives.Multiply(taus[i], taus[i], product);
            float[] intra = SoftmaxOfZScore(product, count);
            float[] inter = new float[n];
            for (int j = 0; j < count; j++)
            {
                TensorPrimitives.Multiply(taus[i], taus[j], product);
                TensorPrimitives.Add(inter, SoftmaxOfZScore(product, 1), inter);
            }
            TensorPrimitives.Multiply(intra, inter, intra);
            long keep = Sparsification.KeepCount(n, density);
            float threshold = MagnitudeSelection.KthLargestMagnitude(intra, keep);
            for (int e = 0; e < n; e++)
            {
                if (intra[e] < threshold)
                {
                    intra[e] = 0;
                }
            }
            scores.Add(intra);
        }
        float[] merged = new float[n];
        for (int e = 0; e < n; e++)
        {
            double num = 0, den = 0;
            for (int i = 0; i < count; i++)
            {
                num += (double)scores[i][e] * taus[i][e];
                den += scores[i][e];
            }
            merged[e] = den > 0 ? (float)(num / den) : 0f;
        }
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }

    /// <summary>softmax(scale·z(x)) over all entries, z the z-score (zeros when the spread is 0).</summary>
    internal static float[] SoftmaxOfZScore(ReadOnlySpan<float> x, double scale)
    {
        int n = x.Length;
        double mean = TensorPrimitives.Sum(x) / (double)n;
        double variance = Math.Max(0, (TensorPrimitives.SumOfSquares(x) / (double)n) - (mean * mean));
        double std = Math.Sqrt(variance);
        float[] z = new float[n];
        if (std > 0)
        {
            for (int e = 0; e < n; e++)
            {
                z[e] = (float)(scale * (x[e] - mean) / std);
            }
        }
        float max = TensorPrimitives.Max<float>(z);
        TensorPrimitives.Subtract(z, max, z);
        TensorPrimitives.Exp(z, z);
        float sum = TensorPrimitives.Sum<float>(z);
        TensorPrimitives.Divide(z, sum, z);
        return z;
    }
}
