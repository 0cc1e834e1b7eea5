namespace GraphFusion.Merging.Methods;

/// <summary>
/// Task arithmetic (Ilharco et al., 2023): θ = θ_base + λ·Σ_i w_i·τ_i with τ_i = θ_i − θ_base;
/// with <c>normalize: true</c> the sum is divided by Σ_i w_i.
/// </summary>
public sealed class TaskArithmeticMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "task_arithmetic";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public bool IsLinear => true;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
        [CommonParameters.Weight, CommonParameters.Lambda, CommonParameters.Normalize(false)];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        var taus = Enumerable.Range(0, context.Count).Select(context.TaskVector).ToList();
        float[] merged = SignConsensus.WeightedSum(taus, context.Weights(), context.GlobalFlag("normalize", false));
        return context.AddToBase(merged, context.GlobalParameter("lambda", 1));
    }
}
