using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>The calibration and the relations proposed with it (empty when no threshold reached the target precision; no calibration when it did not run).</summary>
public sealed record LinkPredictionResult(Calibration? Calibration, IReadOnlyList<Relation> Proposals);

/// <summary>
/// Learned link prediction over the stated relations: calibrates a threshold on held-out relations against their
/// corruptions, retrains on all of them, and proposes the candidates above it, capped per entity and overall. Inferred and predicted relations are never learned from; they
/// (and stated ones) only exclude their pairs from proposals.
/// </summary>
public sealed class LinkPredictor(RelationSchema schema, LinkPredictionOptions options)
{
    public LinkPredictionResult Predict(IReadOnlyList<Entity> entities, IReadOnlyList<Relation> relations)
    {
        var calibration = HeldOutCalibration.Run(entities, relations, schema, options);
        if (calibration.Threshold is not { } threshold)
        {
            return new LinkPredictionResult(calibration, []);
        }

        var graph = TripleGraph.Build(entities, relations, schema);
        var model = ComplExModel.Train(graph.Entities.Count, graph.RelationTypes.Count,
            TripleGraph.TrainingTriples(graph.Stated, graph.Symmetric), CorruptionSampler.Over(graph, e => graph.Degree[e] > 0), options);
        var proposals = LinkProposer.Propose(graph, model, threshold, options)
            .Select(p => PredictedRelations.Create(graph.Entities[p.Head].Id, graph.RelationTypes[p.Relation], graph.Entities[p.Tail].Id, p.Score, threshold, calibration))
            .OrderBy(r => r.HeadId, StringComparer.Ordinal)
            .ThenBy(r => r.TailId, StringComparer.Ordinal)
            .ToList();
        return new LinkPredictionResult(calibration, proposals);
    }
}
