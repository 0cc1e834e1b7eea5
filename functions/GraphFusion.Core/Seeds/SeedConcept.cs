namespace GraphFusion.Core.Seeds;

/// <summary>Where a seed concept comes from.</summary>
public enum SeedSource
{
    /// <summary>Listed by the user.</summary>
    User,

    /// <summary>Found by the topic model.</summary>
    TopicModel,
}

/// <summary>
/// A ranked seed concept: its name, matching key, c-TF-IDF score (0 for user concepts), the clusters it
/// represents and the documents (supporting passages, by index) it occurs in.
/// </summary>
public sealed record SeedConcept(
    string Name,
    string Key,
    SeedSource Source,
    double Score,
    IReadOnlyList<int> Clusters,
    IReadOnlyList<int> Documents,
    string? Description = null);
