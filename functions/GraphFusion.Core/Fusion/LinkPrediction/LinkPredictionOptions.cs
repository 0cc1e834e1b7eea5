namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>How the link predictor trains, calibrates and proposes. The defaults suit graphs of up to ~10k entities.</summary>
public sealed record LinkPredictionOptions
{
    /// <summary>Off leaves the graph without predicted relations (a pass then removes any left from earlier passes).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Complex dimensions per embedding (each is a real and an imaginary part).</summary>
    public int Dimensions { get; init; } = 32;

    public int Epochs { get; init; } = 60;

    /// <summary>Adagrad step size.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Corrupted triplets per stated one in every epoch.</summary>
    public int TrainingNegatives { get; init; } = 8;

    /// <summary>L2 penalty on the embeddings a step touches.</summary>
    public double Regularization { get; init; } = 1e-3;

    public int Seed { get; init; } = 1;

    /// <summary>Share of stated relations held out to calibrate the threshold.</summary>
    public double HoldoutFraction { get; init; } = 0.1;

    /// <summary>Type-consistent corruptions scored per held-out relation: how many non-facts the threshold must reject per fact.</summary>
    public int CalibrationNegatives { get; init; } = 10;

    /// <summary>Precision the threshold must reach on held-out relations against their corruptions.</summary>
    public double TargetPrecision { get; init; } = 0.9;

    /// <summary>
    /// z of the one-sided Wilson lower bound that the held-out precision must reach the target with (1.645: 95%); 0 uses
    /// the point estimate.
    /// </summary>
    public double PrecisionConfidence { get; init; } = 1.645;

    /// <summary>Fewer held-out relations than this give no trustworthy threshold, and nothing is proposed.</summary>
    public int MinHeldOut { get; init; } = 20;

    /// <summary>Held-out positives the threshold must keep, so that one lucky score does not set it.</summary>
    public int MinHeldOutAboveThreshold { get; init; } = 3;

    /// <summary>Only entities with at least this many stated relations are endpoints of proposals (and of calibration negatives).</summary>
    public int MinDegree { get; init; } = 2;

    public int MaxPerEntity { get; init; } = 3;

    public int MaxProposals { get; init; } = 500;
}
