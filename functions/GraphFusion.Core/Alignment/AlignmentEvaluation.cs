namespace GraphFusion.Core.Alignment;

/// <summary>The figures of one evaluation run.</summary>
/// <param name="Metrics">Ranks after the one-to-one assignment over the test candidates (its partner ranked first).</param>
/// <param name="IndependentMetrics">Ranks by score alone, each left entity on its own.</param>
/// <param name="TestPairs">Evaluated pairs.</param>
/// <param name="SeedPairs">Seed pairs used.</param>
/// <param name="PropagatedPairs">Matches the self-training added to the seeds.</param>
/// <param name="Protocol">How candidates were chosen.</param>
public sealed record AlignmentEvaluation(
    RankingMetrics Metrics,
    RankingMetrics IndependentMetrics,
    int TestPairs,
    int SeedPairs,
    int PropagatedPairs,
    string Protocol);
