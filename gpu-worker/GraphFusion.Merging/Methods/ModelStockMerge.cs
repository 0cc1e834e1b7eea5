using System.Numerics.Tensors;

namespace GraphFusion.Merging.Methods;

/// <summary>
/// Model Stock (Jang et al., 2024). With k fine-tuned models, their average θ_avg and cos θ the mean pairwise
/// cosine similarity of the task vectors τ_i = θ_i − θ_base (clamped to [0, 1]), the interpolation ratio is
/// t = k·cos θ / (1 + (k − 1)·cos θ) and θ = t·θ_avg + (1 − t)·θ_base, computed per tensor.
/// </summary>
public sealed class ModelStockMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "model_stock";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 2;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } = [];

    /// <summary>The interpolation ratio t for k models and a cosine.</summary>
    public static double Ratio(int k, double cos) => k * cos / (1 + ((k - 1) * cos));

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        int k = context.Count;
        var taus = Enumerable.Range(0, k).Select(context.TaskVector).ToList();
        double cosSum = 0;
        int pairs = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                double ni = Math.Sqrt(TensorPrimitives.SumOfSquares<float>(taus[i]));
                double nj = Math.Sqrt(TensorPrimitives.SumOfSquares<float>(taus[j]));
                cosSum += ni > 0 && nj > 0 ? TensorPrimitives.Dot<float>(taus[i], taus[j]) / (ni * nj) : 0;
                pairs++;
            }
        }
        double cos = Math.Clamp(cosSum / pairs, 0, 1);
        double t = Ratio(k, cos);
        float[] average = SignConsensus.WeightedSum(context.Models, Enumerable.Repeat(1.0, k).ToArray(), normalize: true);
        float[] baseTensor = context.BaseOrZeros();
        float[] result = new float[context.Length];
        // result = t·avg + (1 − t)·base
        TensorPrimitives.Multiply(average, (float)t, result);
        TensorPrimitives.MultiplyAdd(baseTensor, (float)(1 - t), result, result);
        return result;
    }
}
