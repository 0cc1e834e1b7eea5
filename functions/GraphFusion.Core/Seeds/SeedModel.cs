namespace GraphFusion.Core.Seeds;

/// <summary>
/// A corpus-level topic model for seed concepts: documents grouped into clusters, and each cluster's
/// distinctive phrases. Plain data (serialisable with System.Text.Json); built and updated by <see cref="SeedModelBuilder"/>.
/// </summary>
public sealed record SeedModel
{
    public required SeedModelOptions Options { get; init; }

    /// <summary>The documents, by index (the order they were given in, across updates).</summary>
    public required IReadOnlyList<SeedDocument> Documents { get; init; }

    /// <summary>The clusters, by id.</summary>
    public required IReadOnlyList<SeedCluster> Clusters { get; init; }

    /// <summary>How often each phrase key occurs in the whole corpus (the c-TF-IDF document frequency).</summary>
    public required IReadOnlyDictionary<string, int> PhraseFrequencies { get; init; }

    /// <summary>How many documents each phrase key occurs in.</summary>
    public required IReadOnlyDictionary<string, int> DocumentFrequencies { get; init; }

    /// <summary>The written form shown for each phrase key (its most frequent surface when first seen).</summary>
    public required IReadOnlyDictionary<string, string> Surfaces { get; init; }
}

/// <summary>One document: its cluster and how often each candidate phrase key occurs in it.</summary>
public sealed record SeedDocument(int Index, int Cluster, IReadOnlyDictionary<string, int> Phrases);

/// <summary>
/// A cluster: its documents, the sum of their unit embeddings (the centroid's direction), its number of
/// phrase occurrences, and its best phrases by c-TF-IDF.
/// </summary>
public sealed record SeedCluster(int Id, IReadOnlyList<int> Documents, float[] EmbeddingSum, int PhraseTotal, IReadOnlyList<ClusterPhrase> Phrases);

/// <summary>
/// A phrase of a cluster: its key, c-TF-IDF score (length-weighted, see <see cref="SeedModelOptions"/>), count
/// in the cluster, and the cluster's documents containing it.
/// </summary>
public sealed record ClusterPhrase(string Key, double Score, int Count, IReadOnlyList<int> Documents);
