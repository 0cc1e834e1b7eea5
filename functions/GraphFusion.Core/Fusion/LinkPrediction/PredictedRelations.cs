using System.Globalization;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>The link predictor's relations: inferred relations whose reasoning starts with <see cref="Marker"/>.</summary>
public static class PredictedRelations
{
    public const string Marker = "link predictor:";

    private static readonly InferredRelationKind Kind = new(Marker);

    public static bool IsPrediction(Relation relation) => Kind.Marks(relation);

    public static Relation Create(string headId, string type, string tailId, double score, double threshold, Calibration calibration) =>
        Kind.Create(headId, type, tailId, Math.Round(score, 4), string.Create(CultureInfo.InvariantCulture,
            $"score {score:0.00} >= {threshold:0.00} (threshold calibrated on {calibration.HeldOut} held-out edges for precision {calibration.TargetPrecision:0.00})"));
}
