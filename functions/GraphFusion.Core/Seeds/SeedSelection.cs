using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Seeds;

/// <summary>
/// The seed list of a model: ranked (<see cref="SeedRanker"/>, with centroid relevance), near-duplicates
/// merged (<see cref="NearDuplicateMerger"/>), cut to <c>top</c> topic-model seeds after the user's concepts.
/// </summary>
public static class SeedSelection
{
    public static async Task<IReadOnlyList<SeedConcept>> SelectAsync(
        SeedModel model, ITextEmbedder embedder, IReadOnlyList<UserConcept> userConcepts, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(userConcepts);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 0);

        // Merging near-duplicates frees places, so rank a margin more than asked before cutting.
        var ranked = (await SeedRanker.RankAsync(model, embedder, userConcepts, cancellationToken).ConfigureAwait(false))
            .Take(userConcepts.Count + (top * 6 / 5))
            .ToArray();
        var merged = await NearDuplicateMerger.MergeAsync(ranked, embedder, NearDuplicateMerger.DefaultThreshold, cancellationToken).ConfigureAwait(false);
        return [.. merged.Take(Math.Max(top, userConcepts.Count))];
    }
}
