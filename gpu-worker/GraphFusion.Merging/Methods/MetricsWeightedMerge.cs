namespace GraphFusion.Merging.Methods;

/// <summary>
/// Weighted average whose weights come from one training metric per model with a single penalty factor β.
/// With a loss L_i for every model: w_i = exp(−β·(L_i − min_j L_j)) / Σ_k exp(−β·(L_k − min_j L_j)).
/// With a step count s_i for every model instead: w_i ∝ exp(−β·(s_max − s_i)/s_max) (later checkpoints weigh more).
/// θ = Σ_i w_i·θ_i. β = 0 gives the plain mean.
/// </summary>
public sealed class MetricsWeightedMerge : IMergeMethod
{
    /// <inheritdoc />
    public string Name => "metrics_weighted";
    /// <inheritdoc />
    public bool RequiresBase => false;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public bool IsLinear => true;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("loss", ParameterScope.PerModel, double.NaN, 0, 1e9, "training or validation loss of the model"),
        new("step", ParameterScope.PerModel, double.NaN, 0, 1e15, "training step of the checkpoint"),
        new("beta", ParameterScope.Global, 1.0, 0, 1e6, "penalty factor β"),
    ];

    /// <inheritdoc />
    public IEnumerable<string> ValidateModelParameters(IReadOnlyList<IReadOnlySet<string>> givenPerModel)
    {
        bool allLoss = givenPerModel.All(s => s.Contains("loss"));
        bool allStep = givenPerModel.All(s => s.Contains("step"));
        if (!allLoss && !allStep)
        {
            yield return "metrics_weighted: every model needs 'loss' (or every model needs 'step')";
        }
    }

    /// <summary>The normalised weights for the given metrics.</summary>
    public static double[] ComputeWeights(IReadOnlyList<double> losses, IReadOnlyList<double> steps, double beta)
    {
        double[] logits;
        if (losses.All(l => !double.IsNaN(l)))
        {
            double min = losses.Min();
            logits = losses.Select(l => -beta * (l - min)).ToArray();
        }
        else
        {
            double max = steps.Max();
            double scale = max > 0 ? max : 1;
            logits = steps.Select(s => -beta * (max - s) / scale).ToArray();
        }
        double[] w = logits.Select(Math.Exp).ToArray();
        double sum = w.Sum();
        return w.Select(x => x / sum).ToArray();
    }

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context)
    {
        var losses = Enumerable.Range(0, context.Count).Select(i => context.ModelParameter(i, "loss")).ToList();
        var steps = Enumerable.Range(0, context.Count).Select(i => context.ModelParameter(i, "step")).ToList();
        double[] weights = ComputeWeights(losses, steps, context.GlobalParameter("beta", 1));
        return SignConsensus.WeightedSum(context.Models, weights, normalize: false);
    }
}
