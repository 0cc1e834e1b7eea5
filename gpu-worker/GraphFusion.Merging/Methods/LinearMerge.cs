namespace GraphFusion.Merging.Methods;

/// <summary>
/// Weighted average (model soup): θ = Σ_i w_i·θ_i / Σ_i w_i, or Σ_i w_i·θ_i when <c>normalize: false</c>.
/// The base model, if given, is not part of the average unless it is also listed in <c>models</c>.
/// </summary>
public sealed class LinearMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "linear";
    /// <inheritdoc />
    public bool RequiresBase => false;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public bool IsLinear => true;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } = [CommonParameters.Weight, CommonParameters.Normalize(true)];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context) =>
        SignConsensus.WeightedSum(context.Models, context.Weights(), context.GlobalFlag("normalize", true));
}
