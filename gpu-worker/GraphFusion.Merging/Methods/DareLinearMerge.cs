using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Methods;

/// <summary>
/// DARE + task arithmetic (Yu et al., 2024). Each entry of τ_i is dropped with probability p_i = 1 − density_i
/// and survivors are rescaled by 1/(1 − p_i), so E[τ̃_i] = τ_i; the random mask is seeded by (seed, tensor name,
/// model index). θ = θ_base + λ·Σ_i w_i·τ̃_i (divided by Σ_i w_i with <c>normalize: true</c>).
/// </summary>
public sealed class DareLinearMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "dare_linear";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
        [CommonParameters.Weight, CommonParameters.Density, CommonParameters.Lambda, CommonParameters.Normalize(false)];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        var dropped = DareDrop(context);
        float[] merged = SignConsensus.WeightedSum(dropped, context.Weights(), context.GlobalFlag("normalize", false));
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }

    /// <summary>DARE-dropped task vectors of all models.</summary>
    internal static List<float[]> DareDrop(TensorMergeContext context)
    {
        var dropped = new List<float[]>(context.Count);
        for (int i = 0; i < context.Count; i++)
        {
            float[] tau = context.TaskVector(i);
            SplitMix64 rng = context.RandomFor(i);
            Sparsification.DropAndRescale(tau, context.ModelParameter(i, "density", 1), ref rng);
            dropped.Add(tau);
        }
        return dropped;
    }
}
