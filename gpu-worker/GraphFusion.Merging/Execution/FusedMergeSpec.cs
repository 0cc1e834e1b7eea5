using GraphFusion.Merging.Methods;

namespace GraphFusion.Merging.Execution;

/// <summary>How each task vector is sparsified before combination.</summary>
internal enum Sparsifier
{
    /// <summary>Kept whole.</summary>
    None,
    /// <summary>TIES trim: entries below the k-th largest magnitude are zeroed.</summary>
    TopMagnitude,
    /// <summary>DARE: entries dropped at random, survivors rescaled.</summary>
    RandomDrop,
}

/// <summary>How the (sparsified) task vectors are combined.</summary>
internal enum Combination
{
    /// <summary>Σ w_i·τ_i (optionally divided by Σ w_i).</summary>
    WeightedSum,
    /// <summary>TIES sign election and disjoint mean.</summary>
    DisjointMean,
}

/// <summary>
/// The element-wise methods (linear, task arithmetic, TIES, DARE linear, DARE TIES) expressed as one recipe that
/// the streaming kernel evaluates chunk by chunk over raw input bytes, with the same arithmetic as the methods.
/// </summary>
internal sealed record FusedMergeSpec(
    bool UsesBase, Sparsifier Sparsifier, Combination Combination, bool Normalize, double Lambda,
    IReadOnlyList<double> Weights, IReadOnlyList<double> Densities)
{
    /// <summary>The spec for <paramref name="method"/> with the parameters resolved for one tensor, or null when the method is not element-wise.</summary>
    public static FusedMergeSpec? TryCreate(
        IMergeMethod method, IReadOnlyList<IReadOnlyDictionary<string, double>> perModel, IReadOnlyDictionary<string, double> global)
    {
        (bool usesBase, Sparsifier sparsifier, Combination combination, bool normalizeDefault)? shape = method switch
        {
            LinearMerge => (false, Sparsifier.None, Combination.WeightedSum, true),
            TaskArithmeticMerge => (true, Sparsifier.None, Combination.WeightedSum, false),
            TiesMerge => (true, Sparsifier.TopMagnitude, Combination.DisjointMean, true),
            DareLinearMerge => (true, Sparsifier.RandomDrop, Combination.WeightedSum, false),
            DareTiesMerge => (true, Sparsifier.RandomDrop, Combination.DisjointMean, true),
            _ => null,
        };
        if (shape is not { } s)
        {
            return null;
        }
        double[] weights = perModel.Select(p => Value(p, "weight", 1.0)).ToArray();
        double[] densities = perModel.Select(p => Value(p, "density", 1.0)).ToArray();
        bool normalize = global.TryGetValue("normalize", out double n) ? n != 0 : s.normalizeDefault;
        return new FusedMergeSpec(s.usesBase, s.sparsifier, s.combination, normalize, Value(global, "lambda", 1.0), weights, densities);
    }

    private static double Value(IReadOnlyDictionary<string, double> parameters, string name, double fallback) =>
        parameters.TryGetValue(name, out double v) ? v : fallback;
}
