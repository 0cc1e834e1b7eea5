namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>
/// What held-out stated relations say about the predictor: the threshold reaching the target precision (null when none
/// does), the held-out recall there, and ranking quality.
/// </summary>
/// <param name="HeldOut">Held-out stated relations (positives).</param>
/// <param name="Negatives">Corruptions scored against them.</param>
/// <param name="Precision">
/// Precision at the threshold over the held-out relations and their corruptions, at the ratio
/// <see cref="LinkPredictionOptions.CalibrationNegatives"/> to one: not the precision over every candidate pair, which
/// outnumber the missing facts by far more.
/// </param>
/// <param name="Recall">Share of held-out positives at or above the threshold.</param>
/// <param name="Auc">Probability that a held-out positive outscores a corruption.</param>
/// <param name="HitsAt10">Share of held-out relations whose tail ranks in the top 10 of the candidate tails (filtered, type-constrained).</param>
/// <param name="Note">Why no threshold was reached, when none was.</param>
public sealed record Calibration(
    double TargetPrecision,
    double? Threshold,
    int HeldOut,
    int Negatives,
    double Precision,
    double Recall,
    double? Auc,
    double? HitsAt10,
    string? Note = null)
{
    public bool Reached => Threshold is not null;

    public static Calibration Unavailable(double targetPrecision, int heldOut, string note) =>
        new(targetPrecision, null, heldOut, 0, 0, 0, null, null, note);
}
