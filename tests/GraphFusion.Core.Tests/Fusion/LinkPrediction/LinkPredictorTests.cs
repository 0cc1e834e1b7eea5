using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Fusion.LinkPrediction;

public class LinkPredictorTests
{
    private static readonly LinkPredictionOptions Options = new();

    private static LinkPredictor Predictor(LinkPredictionOptions? options = null) => new(RelationSchema.Graphusion, options ?? Options);

    [Fact]
    public void Missing_facts_of_a_planted_pattern_are_proposed_above_the_calibrated_threshold()
    {
        var graph = new PlantedGraph();

        var result = Predictor().Predict(graph.Entities, graph.Relations);

        var threshold = Assert.IsType<double>(result.Calibration!.Threshold);
        var proposed = result.Proposals.Select(p => (p.HeadId, p.TailId)).ToHashSet();
        var recovered = graph.Missing.Count(proposed.Contains);
        Assert.True(recovered >= graph.Missing.Count * 0.8, $"recovered {recovered} of {graph.Missing.Count}");
        Assert.All(result.Proposals, p =>
        {
            Assert.True(p.Inferred);
            Assert.True(PredictedRelations.IsPrediction(p));
            Assert.Empty(p.Evidence);
            Assert.True(p.Confidence >= Math.Round(threshold, 4) - 1e-4, $"{p.Confidence} < {threshold}");
            Assert.Contains("held-out edges for precision 0.90", p.Reasoning, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Calibration_reaches_the_target_precision_on_held_out_facts_and_the_proposals_keep_it()
    {
        var graph = new PlantedGraph();

        var result = Predictor().Predict(graph.Entities, graph.Relations);

        var calibration = result.Calibration!;
        Assert.True(calibration.Reached, calibration.Note);
        Assert.True(calibration.HeldOut >= Options.MinHeldOut, $"{calibration.HeldOut} held out");
        Assert.True(calibration.Precision >= 0.9, $"held-out precision {calibration.Precision}");
        Assert.True(calibration.Recall > 0.5, $"held-out recall {calibration.Recall}");
        Assert.True(calibration.Auc > 0.9, $"AUC {calibration.Auc}");
        Assert.True(calibration.HitsAt10 > 0.8, $"Hits@10 {calibration.HitsAt10}");

        // The threshold carries over to facts it never saw: the planted missing facts against ten times as many
        // type-consistent non-facts, scored by the model trained on every stated fact.
        var triples = TripleGraph.Build(graph.Entities, graph.Relations, RelationSchema.Graphusion);
        var model = ComplExModel.Train(triples.Entities.Count, triples.RelationTypes.Count,
            TripleGraph.TrainingTriples(triples.Stated, triples.Symmetric), CorruptionSampler.Over(triples, e => triples.Degree[e] > 0), Options);
        var index = triples.Entities.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var usedFor = triples.RelationTypes.ToList().IndexOf(RelationSchema.UsedFor);
        double Score(string head, string tail) => ComplExModel.Probability(model.Score(index[head], usedFor, index[tail]));
        var random = new Random(7);
        var positives = graph.Missing.Select(m => Score(m.Head, m.Tail)).ToList();
        var negatives = graph.Missing.SelectMany(m => Enumerable.Range(0, 10).Select(_ =>
        {
            var other = (PlantedGraph.Community(m.Head) + 1 + random.Next(23)) % 24;
            return Score(m.Head, PlantedGraph.Task(other, random.Next(4)));
        })).ToList();
        var truePositives = positives.Count(s => s >= calibration.Threshold);
        var falsePositives = negatives.Count(s => s >= calibration.Threshold);
        Assert.True(truePositives >= graph.Missing.Count / 2, $"{truePositives} of {graph.Missing.Count} missing facts above the threshold");
        Assert.True(truePositives >= 0.85 * (truePositives + falsePositives), $"{truePositives} true, {falsePositives} false above the threshold");
    }

    [Fact]
    public void A_target_no_threshold_can_reach_proposes_nothing()
    {
        var graph = new PlantedGraph();
        var noise = new Random(3);

        // Facts with no pattern: random method-task pairs.
        var relations = graph.Relations.Select(r => PlantedGraph.Stated(
            PlantedGraph.Method(noise.Next(24), noise.Next(5)), RelationSchema.UsedFor, PlantedGraph.Task(noise.Next(24), noise.Next(4))))
            .DistinctBy(r => r.Id).ToList();
        var result = Predictor(Options with { TargetPrecision = 0.99 }).Predict(graph.Entities, relations);

        Assert.False(result.Calibration!.Reached);
        Assert.NotNull(result.Calibration.Note);
        Assert.Empty(result.Proposals);
    }

    [Fact]
    public void Existing_pairs_and_pairs_outside_the_stated_type_signatures_are_never_proposed()
    {
        var graph = new PlantedGraph(missingPerCommunity: 2);

        // Rule-inferred facts already cover some missing pairs (in the reverse direction, too).
        var covered = graph.Missing.Where((_, i) => i % 2 == 0).ToList();
        var relations = graph.Relations
            .Concat(covered.Select((p, i) => i % 2 == 0 ? PlantedGraph.RuleInferred(p.Head, RelationSchema.PartOf, p.Tail) : PlantedGraph.RuleInferred(p.Tail, RelationSchema.PartOf, p.Head)))
            .ToList();
        var generous = Options with { TargetPrecision = 0.5, MaxPerEntity = 50, MaxProposals = 10_000 };

        var result = Predictor(generous).Predict(graph.Entities, relations);

        Assert.NotEmpty(result.Proposals);
        var types = graph.Entities.ToDictionary(e => e.Id, e => e.Type);
        var linked = relations.SelectMany(r => new[] { (r.HeadId, r.TailId), (r.TailId, r.HeadId) }).ToHashSet();
        Assert.All(result.Proposals, p =>
        {
            Assert.DoesNotContain((p.HeadId, p.TailId), linked);
            Assert.NotEqual(p.HeadId, p.TailId);
            Assert.Equal(RelationSchema.UsedFor, p.Type);
            Assert.Equal(("Method", "Task"), (types[p.HeadId], types[p.TailId]));
        });
        Assert.Equal(result.Proposals.Count, result.Proposals.Select(p => (p.HeadId, p.TailId)).Distinct().Count());
    }

    [Fact]
    public void Proposals_are_capped_per_entity_and_overall()
    {
        var graph = new PlantedGraph(missingPerCommunity: 3);
        var capped = Options with { TargetPrecision = 0.5, MaxPerEntity = 1, MaxProposals = 10 };

        var result = Predictor(capped).Predict(graph.Entities, graph.Relations);

        Assert.InRange(result.Proposals.Count, 1, 10);
        Assert.All(result.Proposals.SelectMany(p => new[] { p.HeadId, p.TailId }).CountBy(id => id), c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public void The_same_seed_gives_the_same_calibration_and_proposals()
    {
        var graph = new PlantedGraph();

        var first = Predictor().Predict(graph.Entities, graph.Relations);
        var second = Predictor().Predict(graph.Entities.AsEnumerable().Reverse().ToList(), graph.Relations.AsEnumerable().Reverse().ToList());

        Assert.Equal(first.Calibration, second.Calibration);
        Assert.Equal(first.Proposals.Select(p => (p.Id, p.Type, p.Confidence, p.Reasoning)), second.Proposals.Select(p => (p.Id, p.Type, p.Confidence, p.Reasoning)));
    }

    [Fact]
    public void Inferred_and_predicted_relations_are_not_learned_from()
    {
        var graph = new PlantedGraph();
        var plain = Predictor().Predict(graph.Entities, graph.Relations);

        // Predictions joining every community's first method to the next community's tasks: learning from them would
        // blur the communities; they must be ignored entirely (earlier predictions are replaced, not premises).
        var bogus = Enumerable.Range(0, 24).SelectMany(c => Enumerable.Range(0, 4).Select(t => PredictedRelations.Create(
            PlantedGraph.Method(c, 1), RelationSchema.UsedFor, PlantedGraph.Task((c + 1) % 24, t), 0.99, 0.5, plain.Calibration!))).ToList();
        var withPredictions = Predictor().Predict(graph.Entities, [.. graph.Relations, .. bogus]);

        Assert.Equal(plain.Calibration, withPredictions.Calibration);
        Assert.Equal(plain.Proposals.Select(p => (p.Id, p.Type, p.Confidence)), withPredictions.Proposals.Select(p => (p.Id, p.Type, p.Confidence)));

        // Rule-inferred facts are not learned from either: they only take their pairs out of the proposals.
        var ruleInferred = bogus.Select(b => PlantedGraph.RuleInferred(b.HeadId, b.Type, b.TailId)).ToList();
        var learned = TripleGraph.Build(graph.Entities, [.. graph.Relations, .. ruleInferred, .. bogus], RelationSchema.Graphusion);
        Assert.Equal(graph.Relations.Count, learned.Stated.Count);
    }
}
