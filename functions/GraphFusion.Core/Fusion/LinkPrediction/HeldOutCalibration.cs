using System.Numerics.Tensors;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>
/// Calibrates the predictor on the graph itself: holds out a seeded share of the stated relations between well-connected
/// entities, trains on the rest, and scores each held-out relation against type-consistent corruptions that are not facts.
/// </summary>
internal static class HeldOutCalibration
{
    public static Calibration Run(IReadOnlyList<Entity> entities, IReadOnlyList<Relation> relations, RelationSchema schema, LinkPredictionOptions options)
    {
        var full = TripleGraph.Build(entities, relations, schema);
        var held = ChooseHeldOut(full, options);
        if (held.Count < options.MinHeldOut)
        {
            return Calibration.Unavailable(options.TargetPrecision, held.Count,
                $"only {held.Count} stated relations could be held out (at least {options.MinHeldOut} needed)");
        }

        var heldSet = held.ToHashSet();
        var training = full.Stated.Where(t => !heldSet.Contains(t)).ToList();
        var trainingGraph = TripleGraph.Build(full.Entities, TrainingRelations(full, training), schema);
        var model = ComplExModel.Train(full.Entities.Count, full.RelationTypes.Count,
            TripleGraph.TrainingTriples(training, full.Symmetric), CorruptionSampler.Over(trainingGraph, e => trainingGraph.Degree[e] > 0), options);

        var random = new Random(options.Seed + 1);
        var sampler = CorruptionSampler.Over(full, e => full.Degree[e] >= options.MinDegree);
        var positives = new List<double>();
        var negatives = new List<double>();
        foreach (var fact in held)
        {
            positives.Add(ComplExModel.Probability(model.Score(fact.Head, fact.Relation, fact.Tail)));
            for (var k = 0; k < options.CalibrationNegatives; k++)
            {
                if (sampler.Corrupt(fact, random) is { } negative)
                {
                    negatives.Add(ComplExModel.Probability(model.Score(negative.Head, negative.Relation, negative.Tail)));
                }
            }
        }

        var (reached, threshold, precision, recall) = ThresholdCalibrator.Choose(positives, negatives, options.TargetPrecision, options.MinHeldOutAboveThreshold, options.PrecisionConfidence);
        return new Calibration(
            options.TargetPrecision, reached ? threshold : null, held.Count, negatives.Count, precision, recall,
            ThresholdCalibrator.Auc(positives, negatives), HitsAt10(full, model, held, options.MinDegree),
            reached ? null : $"no threshold reaches precision {options.TargetPrecision:0.00} on the held-out relations (lower confidence bound, z {options.PrecisionConfidence:0.###})");
    }

    /// <summary>Held-out relations join entities that keep at least one stated relation for training and are eligible endpoints.</summary>
    private static List<Triple> ChooseHeldOut(TripleGraph graph, LinkPredictionOptions options)
    {
        var order = graph.Stated.ToArray();
        new Random(options.Seed).Shuffle(order);
        var target = (int)Math.Ceiling(options.HoldoutFraction * order.Length);
        var remaining = (int[])graph.Degree.Clone();
        var held = new List<Triple>();
        foreach (var fact in order)
        {
            if (held.Count >= target)
            {
                break;
            }

            if (graph.Degree[fact.Head] >= options.MinDegree && graph.Degree[fact.Tail] >= options.MinDegree
                && remaining[fact.Head] > 1 && remaining[fact.Tail] > 1)
            {
                remaining[fact.Head]--;
                remaining[fact.Tail]--;
                held.Add(fact);
            }
        }

        return held;
    }

    private static List<Relation> TrainingRelations(TripleGraph graph, IEnumerable<Triple> training) =>
        training.Select((t, i) => new Relation
        {
            Id = i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture),
            HeadId = graph.Entities[t.Head].Id,
            Type = graph.RelationTypes[t.Relation],
            TailId = graph.Entities[t.Tail].Id,
        }).ToList();

    /// <summary>
    /// Filtered, type-constrained tail ranking: among the entities a proposal could name as tail (eligible, of a type the
    /// relation type was stated with), other known tails of the same head and type do not count against the held-out one.
    /// </summary>
    private static double? HitsAt10(TripleGraph graph, ComplExModel model, IReadOnlyList<Triple> held, int minDegree)
    {
        var knownTails = graph.Stated.SelectMany(t => graph.Symmetric[t.Relation] ? new[] { t, new Triple(t.Tail, t.Relation, t.Head) } : [t])
            .ToLookup(t => (t.Head, t.Relation), t => t.Tail);
        var query = new float[model.Width];
        var hits = 0;
        foreach (var fact in held)
        {
            model.TailQuery(fact.Head, fact.Relation, query);
            var truth = TensorPrimitives.Dot<float>(query, model.Entity(fact.Tail));
            var excluded = knownTails[(fact.Head, fact.Relation)].ToHashSet();
            var better = 0;
            for (var e = 0; e < graph.Entities.Count && better < 10; e++)
            {
                if (graph.Degree[e] >= minDegree && graph.Fits(fact.Relation, fact.Head, e) && !excluded.Contains(e) && TensorPrimitives.Dot<float>(query, model.Entity(e)) > truth)
                {
                    better++;
                }
            }

            hits += better < 10 ? 1 : 0;
        }

        return held.Count == 0 ? null : hits / (double)held.Count;
    }
}
