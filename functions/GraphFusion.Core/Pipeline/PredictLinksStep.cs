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
        var current = relations.Where(PredictedRelations.IsPrediction).ToLookup(r => r.HeadId, StringComparer.Ordinal);
        var wanted = result.Proposals.ToLookup(r => r.HeadId, StringComparer.Ordinal);
        int added = 0, removed = 0, rewritten = 0;
        foreach (var head in current.Select(g => g.Key).Union(wanted.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var before = current[head].ToList();
            var after = wanted[head].ToList();
            if (Same(before, after))
            {
                continue;
            }

            // Read again just before writing, so that facts fused since the graph was loaded are kept.
            var kept = (await store.GetRelationsFromAsync(head, cancellationToken)).Where(r => !PredictedRelations.IsPrediction(r)).ToList();
            var taken = kept.SelectMany(r => new[] { (r.HeadId, r.TailId), (r.TailId, r.HeadId) }).ToHashSet();
            var predictions = after.Where(r => !taken.Contains((r.HeadId, r.TailId))).ToList();
            await store.ReplaceRelationsFromAsync(head, [.. kept, .. predictions], cancellationToken);
            added += predictions.Count(p => !before.Any(b => SameFact(b, p)));
            removed += before.Count(b => !predictions.Any(p => SameFact(b, p)));
            rewritten++;
        }

        if (!options.Enabled)
        {
            return LinkPredictionReport.Disabled with { Removed = removed, HeadsRewritten = rewritten };
        }

        var (entitiesAfter, relationsAfter) = await store.ReadAllAsync(cancellationToken);
        await store.PutStateAsync(FingerprintStateId, Fingerprint(entitiesAfter, relationsAfter), cancellationToken);
        return new LinkPredictionReport("predicted", result.Calibration, result.Proposals.Count, added, removed, rewritten);
    }

    private static bool SameFact(Relation a, Relation b) => a.HeadId == b.HeadId && a.Type == b.Type && a.TailId == b.TailId;

    private static bool Same(List<Relation> before, List<Relation> after) =>
        before.Select(Describe).Order(StringComparer.Ordinal).SequenceEqual(after.Select(Describe).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Describe(Relation r) => $"{r.HeadId}\u001f{r.Type}\u001f{r.TailId}\u001f{r.Confidence}\u001f{r.Reasoning}";

    /// <summary>Everything the prediction depends on (entity types, facts) and the predictions themselves, plus the options.</summary>
    private string Fingerprint(IEnumerable<Entity> entities, IEnumerable<Relation> relations)
    {
        var text = new StringBuilder(options.ToString()).Append('\n');
        foreach (var entity in entities.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            text.Append(entity.Id).Append('\u001f').Append(entity.Type).Append('\n');
        }

        foreach (var line in relations.Select(r => $"{Describe(r)}\u001f{r.Inferred}").Order(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
