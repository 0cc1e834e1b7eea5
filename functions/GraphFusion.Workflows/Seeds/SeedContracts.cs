using GraphFusion.Core.Seeds;

namespace GraphFusion.Workflows.Seeds;

/// <summary>
/// Builds (or updates) the seed model <paramref name="Name"/> over <paramref name="Documents"/> and keeps its top
/// <paramref name="Top"/> seeds, after <paramref name="UserConcepts"/> (read by the caller from a file or a blob).
/// The model is updated in place when the stored one covers the leading documents and the new ones are at most
/// <paramref name="MaxIncrementalShare"/> of it; otherwise it is rebuilt.
/// </summary>
public sealed record BuildSeedsRequest(
    string Name,
    IReadOnlyList<string> Documents,
    IReadOnlyList<UserConcept> UserConcepts,
    int Top = 100,
    SeedModelOptions? Options = null,
    double MaxIncrementalShare = BuildSeedsRequest.DefaultMaxIncrementalShare)
{
    public const double DefaultMaxIncrementalShare = 0.2;
}

public sealed record PlanSeedModelInput(string Name, IReadOnlyList<string> DocumentHashes, SeedModelOptions Options, double MaxIncrementalShare);

/// <summary>How to bring the stored model up to date: rebuild it, or add the documents from <paramref name="Known"/> on.</summary>
public sealed record SeedModelPlan(bool Rebuild, int Known);

public sealed record BuildSeedModelInput(
    string Name,
    SeedModelPlan Plan,
    IReadOnlyList<string> NewDocuments,
    IReadOnlyList<float[]> NewEmbeddings,
    IReadOnlyList<string> DocumentHashes,
    IReadOnlyList<UserConcept> UserConcepts,
    int Top,
    SeedModelOptions Options);

/// <summary>What a run did: the model's size, whether it was updated in place, which clusters got new phrases, and the seeds.</summary>
public sealed record SeedModelSummary(
    string Name,
    int Documents,
    int Clusters,
    bool Incremental,
    IReadOnlyList<int> RecomputedClusters,
    IReadOnlyList<SeedConcept> Seeds);
