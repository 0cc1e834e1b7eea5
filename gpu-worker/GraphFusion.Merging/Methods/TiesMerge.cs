namespace GraphFusion.Merging.Methods;

/// <summary>
/// TIES-Merging (Yadav et al., 2023). Per task vector τ_i = θ_i − θ_base: trim to the top
/// k_i = round(density_i·n) magnitudes (τ̂_i; threshold by selection), elect the sign
/// γ = sign(Σ_i w_i·τ̂_i), then take the disjoint mean over agreeing entries:
/// τ_m = Σ_{i∈A} w_i·τ̂_i / Σ_{i∈A} w_i with A = {i : sign(τ̂_i) = γ, τ̂_i ≠ 0}
/// (no division with <c>normalize: false</c>); θ = θ_base + λ·τ_m.
/// </summary>
public sealed class TiesMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "ties";
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
        var trimmed = new List<float[]>(context.Count);
        for (int i = 0; i < context.Count; i++)
        {
            float[] tau = context.TaskVector(i);
            Sparsification.TrimToTopMagnitude(tau, context.ModelParameter(i, "density", 1));
            trimmed.Add(tau);
        }
        float[] merged = SignConsensus.DisjointMerge(trimmed, context.Weights(), context.GlobalFlag("normalize", true));
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }
}
