using System.Globalization;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>
/// How predicted relations are told apart from stated and rule-inferred ones: they are inferred, carry no evidence, and
/// their reasoning starts with <see cref="Marker"/>. Each link-prediction pass replaces all of them.
/// </summary>
public static class PredictedRelations
{
    public const string Marker = "link predictor:";

    public static bool IsPrediction(Relation relation) =>
        relation.Inferred && relation.Reasoning is { } reasoning && reasoning.StartsWith(Marker, StringComparison.Ordinal);

    public static Relation Create(string headId, string type, string tailId, double score, double threshold, Calibration calibration) => new()
    {
        Id = StableId.Of("r-", headId, tailId),
        HeadId = headId,
        Type = type,
        TailId = tailId,
        Confidence = Math.Round(score, 4),
        Inferred = true,
        Reasoning = string.Create(CultureInfo.InvariantCulture,
            $"{Marker} score {score:0.00} >= {threshold:0.00} (threshold calibrated on {calibration.HeldOut} held-out edges for precision {calibration.TargetPrecision:0.00})"),
    };
}
