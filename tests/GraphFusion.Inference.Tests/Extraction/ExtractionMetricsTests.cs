using GraphFusion.Inference.Extraction;

namespace GraphFusion.Inference.Tests.Extraction;

public sealed class ExtractionMetricsTests
{
    private static readonly SentenceLabels Gold = new(
        [new EntityLabel(0, 1, "Method"), new EntityLabel(4, 4, "Task"), new EntityLabel(6, 8, "Material")],
        [new RelationLabel(0, 1, 4, 4, "USED-FOR"), new RelationLabel(6, 8, 4, 4, "EVALUATE-FOR")]);

    private static ExtractionScores Score(SentenceLabels predicted)
    {
        var evaluator = new ExtractionEvaluator();
        evaluator.Add(Gold, predicted);
        return evaluator.Result();
    }

    [Fact]
    public void Perfect_prediction_scores_one()
    {
        var scores = Score(Gold);
        Assert.Equal(1.0, scores.Entity.F1);
        Assert.Equal(1.0, scores.Relation.F1);
        Assert.Equal(1.0, scores.RelationStrict.F1);
        Assert.Equal(1.0, scores.EntityByType["Task"].F1);
        Assert.Equal(1.0, scores.RelationByType["USED-FOR"].Precision);
    }

    [Fact]
    public void Empty_prediction_scores_zero_without_dividing_by_zero()
    {
        var scores = Score(new SentenceLabels([], []));
        Assert.Equal(0, scores.Entity.Precision);
        Assert.Equal(0, scores.Entity.Recall);
        Assert.Equal(0, scores.Entity.F1);
        Assert.Equal(3, scores.Entity.Gold);
        Assert.Equal(0, scores.Relation.F1);

        var nothing = new ExtractionEvaluator();
        nothing.Add(new SentenceLabels([], []), new SentenceLabels([], []));
        Assert.Equal(0, nothing.Result().Entity.F1);
    }

    [Fact]
    public void Partial_prediction_counts_exact_spans_only()
    {
        // One exact entity, one with a wrong boundary, one spurious; one of two relations.
        var scores = Score(new SentenceLabels(
            [new EntityLabel(0, 1, "Method"), new EntityLabel(4, 5, "Task"), new EntityLabel(10, 10, "Generic"), new EntityLabel(6, 8, "Material")],
            [new RelationLabel(0, 1, 4, 5, "USED-FOR"), new RelationLabel(6, 8, 4, 4, "EVALUATE-FOR")]));
        Assert.Equal(2.0 / 4, scores.Entity.Precision, 6);
        Assert.Equal(2.0 / 3, scores.Entity.Recall, 6);
        Assert.Equal(2 * 0.5 * (2.0 / 3) / (0.5 + (2.0 / 3)), scores.Entity.F1, 6);
        Assert.Equal(0.5, scores.Relation.Precision, 6);
        Assert.Equal(0.5, scores.Relation.Recall, 6);
        Assert.Equal(0, scores.RelationByType["USED-FOR"].Correct);
        Assert.Equal(1, scores.RelationByType["EVALUATE-FOR"].Correct);
    }

    [Fact]
    public void Wrong_entity_type_fails_entity_and_strict_but_not_boundary_relation()
    {
        var scores = Score(Gold with { Entities = [new EntityLabel(0, 1, "Task"), new EntityLabel(4, 4, "Task"), new EntityLabel(6, 8, "Material")] });
        Assert.Equal(2, scores.Entity.Correct);
        Assert.Equal(1.0, scores.Relation.F1);
        Assert.Equal(1, scores.RelationStrict.Correct);
        Assert.Equal(0.5, scores.RelationStrict.F1, 6);
        Assert.Equal(0, scores.EntityByType["Method"].Recall);
    }

    [Fact]
    public void Wrong_direction_or_relation_type_is_an_error()
    {
        var scores = Score(Gold with
        {
            Relations = [new RelationLabel(4, 4, 0, 1, "USED-FOR"), new RelationLabel(6, 8, 4, 4, "FEATURE-OF")],
        });
        Assert.Equal(0, scores.Relation.Correct);
        Assert.Equal(2, scores.Relation.Predicted);
        Assert.Equal(0, scores.RelationStrict.F1);
        Assert.Equal(1.0, scores.Entity.F1);
    }

    [Fact]
    public void Scores_are_micro_averaged_over_sentences()
    {
        var evaluator = new ExtractionEvaluator();
        evaluator.Add(Gold, Gold);
        evaluator.Add(Gold, new SentenceLabels([], []));
        var scores = evaluator.Result();
        Assert.Equal(1.0, scores.Entity.Precision);
        Assert.Equal(0.5, scores.Entity.Recall);
        Assert.Equal(6, scores.Entity.Gold);
    }
}
