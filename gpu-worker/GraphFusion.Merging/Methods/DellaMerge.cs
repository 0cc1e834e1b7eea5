using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Methods;

/// <summary>
/// DELLA-Merging (Deep et al., 2024): MagPrune then elect and fuse. With p = 1 − density and entries of τ_i
/// ranked by magnitude (rank r = 0 for the smallest), entry e is dropped with probability
/// p_e = p + ε/2 − ε·r_e/(n − 1) (clamped to [0, 1)) and kept entries are rescaled by 1/(1 − p_e).
/// The pruned vectors are then combined as in TIES: sign election, disjoint mean, θ = θ_base + λ·τ_m.
/// Ranking uses a sort (O(n log n)).
/// </summary>
public sealed class DellaMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "della";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        CommonParameters.Weight, CommonParameters.Density,
        new("epsilon", ParameterScope.PerModel, 0.1, 0, 1, "width ε of the drop-probability window around 1 − density"),
        CommonParameters.Lambda, CommonParameters.Normalize(true),
    ];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        var pruned = new List<float[]>(context.Count);
        for (int i = 0; i < context.Count; i++)
        {
            float[] tau = context.TaskVector(i);
            SplitMix64 rng = context.RandomFor(i);
            Sparsification.MagnitudeRankedDrop(tau, context.ModelParameter(i, "density", 1), context.ModelParameter(i, "epsilon", 0.1), ref rng);
            pruned.Add(tau);
        }
        float[] merged = SignConsensus.DisjointMerge(pruned, context.Weights(), context.GlobalFlag("normalize", true));
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }
}
