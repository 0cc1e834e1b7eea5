using System.Security.Cryptography;
using System.Text;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Run a link-prediction pass; <paramref name="Trigger"/> names what asked for it (an orchestration instance).</summary>
public sealed record PredictLinksRequest(string Trigger);

/// <summary>What a link-prediction pass did.</summary>
/// <param name="Status">disabled, unchanged (the graph is as the last pass left it) or predicted.</param>
/// <param name="Calibration">The held-out calibration of this pass; null when it did not train.</param>
public sealed record LinkPredictionReport(string Status, Calibration? Calibration, int Proposed, int Added, int Removed, int HeadsRewritten)
{
    public static LinkPredictionReport Disabled { get; } = new("disabled", null, 0, 0, 0, 0);
}

/// <summary>
/// Recomputes the predicted relations of the whole graph and makes them the complete predicted set: predictions no longer
/// proposed (an endpoint vanished, a pair got a stated fact, the score dropped) are removed. Stated and rule-inferred
/// relations are left as they are. The predictor is deterministic, so a graph identical to the one the last pass left
/// behind (same fingerprint) is not retrained.
/// </summary>
public sealed class PredictLinksStep(IGraphStore store, RelationSchema schema, LinkPredictionOptions options)
{
    public const string FingerprintStateId = "link-prediction/fingerprint";

    public async Task<LinkPredictionReport> RunAsync(CancellationToken cancellationToken)
    {
        var (entities, relations) = await store.ReadAllAsync(cancellationToken);
        if (!options.Enabled && !relations.Any(PredictedRelations.IsPrediction))
        {
            return LinkPredictionReport.Disabled;
        }

        var fingerprint = Fingerprint(entities, relations);
        if (options.Enabled && await store.GetStateAsync(FingerprintStateId, cancellationToken) == fingerprint)
        {
            return new LinkPredictionReport("unchanged", null, 0, 0, 0, 0);
        }

        var result = options.Enabled ? new LinkPredictor(schema, options).Predict(entities, relations) : new LinkPredictionResult(null, []);
        var (added, removed, rewritten) = await MarkedRelationSet.ReplaceAsync(
            store, PredictedRelations.IsPrediction, relations.Where(PredictedRelations.IsPrediction), result.Proposals, cancellationToken);
        if (!options.Enabled)
        {
            return LinkPredictionReport.Disabled with { Removed = removed, HeadsRewritten = rewritten };
        }

        var (entitiesAfter, relationsAfter) = await store.ReadAllAsync(cancellationToken);
        await store.PutStateAsync(FingerprintStateId, Fingerprint(entitiesAfter, relationsAfter), cancellationToken);
        return new LinkPredictionReport("predicted", result.Calibration, result.Proposals.Count, added, removed, rewritten);
    }

    /// <summary>Everything the prediction depends on (entity types, facts) and the predictions themselves, plus the options.</summary>
    private string Fingerprint(IEnumerable<Entity> entities, IEnumerable<Relation> relations)
    {
        var text = new StringBuilder(options.ToString()).Append('\n');
        foreach (var entity in entities.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            text.Append(entity.Id).Append('\u001f').Append(entity.Type).Append('\n');
        }

        foreach (var line in relations.Select(r => $"{MarkedRelationSet.Describe(r)}\u001f{r.Inferred}").Order(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
