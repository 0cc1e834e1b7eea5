namespace GraphFusion.Merging.Methods;

/// <summary>
/// Model Breadcrumbs (Davari and Belilovsky, 2024). Each τ_i is ranked by magnitude; the largest
/// round(gamma·n) entries (outliers) and everything below the next round(density·n) are zeroed, giving τ̂_i.
/// θ = θ_base + λ·Σ_i w_i·τ̂_i (divided by Σ_i w_i with <c>normalize: true</c>).
/// </summary>
public sealed class BreadcrumbsMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "breadcrumbs";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        CommonParameters.Weight, CommonParameters.Density,
        new("gamma", ParameterScope.PerModel, 0.01, 0, 1, "fraction of largest-magnitude entries removed"),
        CommonParameters.Lambda, CommonParameters.Normalize(false),
    ];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        var masked = new List<float[]>(context.Count);
        for (int i = 0; i < context.Count; i++)
        {
            float[] tau = context.TaskVector(i);
            Sparsification.Breadcrumbs(tau, context.ModelParameter(i, "density", 1), context.ModelParameter(i, "gamma", 0.01));
            masked.Add(tau);
        }
        float[] merged = SignConsensus.WeightedSum(masked, context.Weights(), context.GlobalFlag("normalize", false));
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }
}
