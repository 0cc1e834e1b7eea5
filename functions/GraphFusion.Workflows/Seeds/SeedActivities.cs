using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Seeds;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows.Seeds;

/// <summary>The seed step's activities over the graph store and a text embedder.</summary>
public sealed class SeedActivities(ISeedModelStore store, ITextEmbedder embedder, TimeProvider? clock = null)
{
    public async Task<SeedModelPlan> PlanSeedModelAsync(PlanSeedModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await store.GetSeedModelAsync(input.Name, CancellationToken.None).ConfigureAwait(false);
        return Plan(stored, input.DocumentHashes, input.Options, input.MaxIncrementalShare);
    }

    /// <summary>Update in place when the stored model has the same options, covers the leading documents, and few are new.</summary>
    public static SeedModelPlan Plan(StoredSeedModel? stored, IReadOnlyList<string> hashes, SeedModelOptions options, double maxIncrementalShare)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (stored is null || stored.Model.Options != options || stored.DocumentHashes.Count > hashes.Count
            || !stored.DocumentHashes.SequenceEqual(hashes.Take(stored.DocumentHashes.Count), StringComparer.Ordinal))
        {
            return new SeedModelPlan(Rebuild: true, Known: 0);
        }

        var added = hashes.Count - stored.DocumentHashes.Count;
        return added <= maxIncrementalShare * stored.DocumentHashes.Count
            ? new SeedModelPlan(Rebuild: false, Known: stored.DocumentHashes.Count)
            : new SeedModelPlan(Rebuild: true, Known: 0);
    }

    public Task<float[][]> EmbedSeedDocumentsAsync(IReadOnlyList<string> documents) =>
        embedder.EmbedAsync(documents, CancellationToken.None);

    public async Task<SeedModelSummary> BuildSeedModelAsync(BuildSeedModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var stored = input.Plan.Rebuild ? null : await store.GetSeedModelAsync(input.Name, cancellationToken).ConfigureAwait(false);
        if (!input.Plan.Rebuild && stored is null)
        {
            throw new InvalidOperationException($"Seed model {input.Name} was planned as an update but is no longer stored.");
        }

        var model = stored is null
            ? SeedModelBuilder.Build(input.NewDocuments, input.NewEmbeddings, input.Options)
            : SeedModelBuilder.Update(stored.Model, input.NewDocuments, input.NewEmbeddings);
        var recomputed = stored is null
            ? model.Clusters.Select(c => c.Id).ToArray()
            : model.Clusters.Where(c => c.Id >= stored.Model.Clusters.Count || c.Documents.Count != stored.Model.Clusters[c.Id].Documents.Count).Select(c => c.Id).ToArray();
        var seeds = await SeedSelection.SelectAsync(model, embedder, input.UserConcepts, input.Top, cancellationToken).ConfigureAwait(false);
        await store.SaveSeedModelAsync(
            new StoredSeedModel
            {
                Name = input.Name,
                DocumentHashes = input.DocumentHashes,
                Model = model,
                Seeds = seeds,
                UpdatedAt = (clock ?? TimeProvider.System).GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);
        return new SeedModelSummary(input.Name, model.Documents.Count, model.Clusters.Count, stored is not null, recomputed, seeds);
    }
}
