namespace GraphFusion.Core.Alignment;

/// <summary>Hits@1, Hits@10 and mean reciprocal rank of a list of 1-based ranks of the correct answer.</summary>
public sealed record RankingMetrics(double HitsAt1, double HitsAt10, double MeanReciprocalRank, int Count)
{
    /// <summary>Computes the metrics; an empty list gives zeros.</summary>
    public static RankingMetrics From(IReadOnlyCollection<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        if (ranks.Count == 0)
        {
            return new RankingMetrics(0, 0, 0, 0);
        }

        if (ranks.Any(r => r < 1))
        {
            throw new ArgumentException("Ranks are 1-based.", nameof(ranks));
        }

        return new RankingMetrics(HitsAt(ranks, 1), HitsAt(ranks, 10), ranks.Average(r => 1.0 / r), ranks.Count);
    }

    /// <summary>The share of ranks at most k.</summary>
    public static double HitsAt(IReadOnlyCollection<int> ranks, int k)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return ranks.Count == 0 ? 0 : (double)ranks.Count(r => r <= k) / ranks.Count;
    }

    /// <summary>
    /// The 1-based rank of candidate <paramref name="correct"/> among <paramref name="scores"/>, counting ties
    /// against it (a candidate scoring the same as the correct one ranks ahead of it).
    /// </summary>
    public static int RankOf(ReadOnlySpan<float> scores, int correct)
    {
        var target = scores[correct];
        var rank = 1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (i != correct && scores[i] >= target)
            {
                rank++;
            }
        }

        return rank;
    }
}
