namespace GraphFusion.Merging.Methods;

/// <summary>
/// DARE + TIES: task vectors are DARE-dropped and rescaled (τ̃_i, drop probability 1 − density_i, factor
/// 1/density_i, seeded per tensor and model), then combined by TIES sign election and disjoint mean:
/// θ = θ_base + λ·Σ_{i∈A} w_i·τ̃_i / Σ_{i∈A} w_i, A = {i : sign(τ̃_i) = sign(Σ_j w_j·τ̃_j)}.
/// </summary>
public sealed class DareTiesMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "dare_ties";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
        [CommonParameters.Weight, CommonParameters.Density, CommonParameters.Lambda, CommonParameters.Normalize(true)];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        var dropped = DareLinearMerge.DareDrop(context);
        float[] merged = SignConsensus.DisjointMerge(dropped, context.Weights(), context.GlobalFlag("normalize", true));
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }
}
