namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>Chooses the lowest score threshold whose precision over labelled scores still reaches a target.</summary>
internal static class ThresholdCalibrator
{
    /// <summary>
    /// The lowest threshold at which the labelled scores above it are still precise enough, keeping at least
    /// <paramref name="minAbove"/> positives. The precision is that of the sample: the ratio of negatives to positives in it
    /// sets how many non-facts the threshold must reject. With <paramref name="z"/> above zero, the Wilson lower bound of the
    /// precision must reach the target, so that a few lucky positives (6 of 6 has a lower bound of 0.69 at z 1.645) do not.
    /// </summary>
    public static (bool Reached, double Threshold, double Precision, double Recall) Choose(
        IReadOnlyList<double> positives, IReadOnlyList<double> negatives, double targetPrecision, int minAbove, double z = 0)
    {
        var labelled = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderByDescending(p => p.Score)
            .ToList();
        var best = (Reached: false, Threshold: double.NaN, Precision: 0.0, Recall: 0.0);
        int truePositives = 0, falsePositives = 0;
        for (var i = 0; i < labelled.Count; i++)
        {
            if (labelled[i].Positive)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            // A threshold accepts every score equal to it: only cut between distinct scores.
            if (i + 1 < labelled.Count && labelled[i + 1].Score == labelled[i].Score)
            {
                continue;
            }

            var precision = truePositives / (double)(truePositives + falsePositives);
            if (WilsonLowerBound(truePositives, truePositives + falsePositives, z) >= targetPrecision && truePositives >= minAbove)
            {
                best = (true, labelled[i].Score, precision, truePositives / (double)positives.Count);
            }
        }

        return best;
    }

    public static double WilsonLowerBound(int successes, int trials, double z)
    {
        var p = successes / (double)trials;
        var z2 = z * z;
        var centre = p + (z2 / (2 * trials));
        var spread = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials)));
        return (centre - spread) / (1 + (z2 / trials));
    }

    /// <summary>Area under the ROC curve: the chance a positive outscores a negative, ties counting half.</summary>
    public static double? Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return null;
        }

        var sortedNegatives = negatives.Order().ToArray();
        double wins = 0;
        foreach (var score in positives)
        {
            var below = LowerBound(sortedNegatives, score);
            var equal = LowerBound(sortedNegatives, Math.BitIncrement(score)) - below;
            wins += below + (equal / 2.0);
        }

        return wins / ((double)positives.Count * negatives.Count);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
