using GraphFusion.Core.Fusion.LinkPrediction;

namespace GraphFusion.Core.Tests.Fusion.LinkPrediction;

public class ThresholdCalibratorTests
{
    [Fact]
    public void The_lowest_threshold_keeping_the_target_precision_is_chosen()
    {
        double[] positives = [0.95, 0.9, 0.8, 0.6, 0.3];
        double[] negatives = [0.85, 0.5, 0.4, 0.2, 0.1];

        // From the top: 0.95 P, 0.9 P, 0.85 N, 0.8 P (3/4), 0.6 P (4/5), 0.5 N (4/6) ...
        var (reached, threshold, precision, recall) = ThresholdCalibrator.Choose(positives, negatives, 0.75, minAbove: 1);

        Assert.True(reached);
        Assert.Equal(0.6, threshold);
        Assert.Equal(0.8, precision, 6);
        Assert.Equal(0.8, recall, 6);
    }

    [Fact]
    public void Ties_are_accepted_or_rejected_together()
    {
        double[] positives = [0.9, 0.7];
        double[] negatives = [0.7, 0.1];

        var (_, threshold, precision, _) = ThresholdCalibrator.Choose(positives, negatives, 0.75, minAbove: 1);

        Assert.Equal(0.9, threshold);
        Assert.Equal(1.0, precision);
    }

    [Fact]
    public void An_unreachable_target_or_too_few_positives_give_no_threshold()
    {
        Assert.False(ThresholdCalibrator.Choose([0.5, 0.4], [0.9, 0.8], 0.9, minAbove: 1).Reached);
        Assert.True(ThresholdCalibrator.Choose([0.9, 0.4], [0.1], 0.9, minAbove: 2).Reached);
        Assert.False(ThresholdCalibrator.Choose([0.9, 0.2], [0.5], 0.9, minAbove: 2).Reached);
    }

    [Fact]
    public void With_a_confidence_bound_a_few_lucky_positives_do_not_set_the_threshold()
    {
        double[] few = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.2];
        var negatives = Enumerable.Repeat(0.5, 60).ToArray();

        Assert.True(ThresholdCalibrator.Choose(few, negatives, 0.9, minAbove: 3).Reached);
        Assert.False(ThresholdCalibrator.Choose(few, negatives, 0.9, minAbove: 3, z: 1.645).Reached);

        var many = Enumerable.Repeat(0.9, 60).Append(0.2).ToArray();
        Assert.True(ThresholdCalibrator.Choose(many, negatives, 0.9, minAbove: 3, z: 1.645).Reached);
        Assert.Equal(0.689, ThresholdCalibrator.WilsonLowerBound(6, 6, 1.645), 3);
    }

    [Fact]
    public void Auc_counts_wins_and_half_ties()
    {
        Assert.Equal(1.0, ThresholdCalibrator.Auc([0.9, 0.8], [0.1, 0.2]));
        Assert.Equal(0.0, ThresholdCalibrator.Auc([0.1], [0.9]));
        Assert.Equal(0.75, ThresholdCalibrator.Auc([0.5, 0.9], [0.5]));
        Assert.Null(ThresholdCalibrator.Auc([], [0.5]));
    }
}
