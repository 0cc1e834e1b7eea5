namespace GraphFusion.Core.Fusion.Matching;

/// <summary>Precision, recall and F1 of match decisions against gold labels.</summary>
public sealed record MatchingMetrics(int Pairs, int Positives, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static MatchingMetrics Of(IReadOnlyList<(bool Gold, bool Predicted)> decisions) => new(
        decisions.Count,
        decisions.Count(d => d.Gold),
        decisions.Count(d => d.Gold && d.Predicted),
        decisions.Count(d => !d.Gold && d.Predicted),
        decisions.Count(d => d.Gold && !d.Predicted));
}

/// <summary>Scores labelled record pairs with <see cref="RecordPairScorer"/>; the threshold may be tuned on another split.</summary>
public static class MatchingEvaluation
{
    public static MatchingMetrics Evaluate(IReadOnlyList<RecordPair> pairs, RecordScorerOptions options)
    {
        var scorer = new RecordPairScorer(pairs.SelectMany(p => new[] { p.Left, p.Right }), options);
        return MatchingMetrics.Of(pairs.Select(p => (p.IsMatch, scorer.IsMatch(p.Left, p.Right))).ToList());
    }

    /// <summary>The threshold (a grid of 0.01 steps) that maximises F1 on <paramref name="tuning"/>; ties go to the lower threshold.</summary>
    public static double TuneThreshold(IReadOnlyList<RecordPair> tuning, RecordScorerOptions options)
    {
        var scorer = new RecordPairScorer(tuning.SelectMany(p => new[] { p.Left, p.Right }), options);
        var scored = tuning.Select(p => (Gold: p.IsMatch, Score: scorer.Score(p.Left, p.Right))).ToList();
        var best = (Threshold: options.Threshold, F1: -1.0);
        for (var step = 20; step <= 99; step++)
        {
            var threshold = step / 100.0;
            var f1 = MatchingMetrics.Of(scored.Select(s => (s.Gold, s.Score >= threshold)).ToList()).F1;
            if (f1 > best.F1 + 1e-12)
            {
                best = (threshold, f1);
            }
        }

        return best.Threshold;
    }
}
