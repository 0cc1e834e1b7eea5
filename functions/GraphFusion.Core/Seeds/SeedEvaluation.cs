namespace GraphFusion.Core.Seeds;

/// <summary>Recall of gold concepts among the top-K ranked seeds, by <see cref="SeedKey"/> and by embedding cosine.</summary>
public static class SeedEvaluation
{
    public const double DefaultEmbeddingThreshold = 0.85;

    /// <summary>Share of <paramref name="gold"/> whose key equals the key of one of the first <paramref name="k"/> seeds.</summary>
    public static double ExactRecallAt(IReadOnlyList<string> seedKeys, IReadOnlyList<string> gold, int k)
    {
        ArgumentNullException.ThrowIfNull(seedKeys);
        ArgumentNullException.ThrowIfNull(gold);
        var top = seedKeys.Take(k).ToHashSet(StringComparer.Ordinal);
        return gold.Count == 0 ? 0 : gold.Count(g => top.Contains(SeedKey.Of(g))) / (double)gold.Count;
    }

    /// <summary>Share of gold concepts whose embedding has cosine ≥ <paramref name="threshold"/> with one of the first <paramref name="k"/> seeds'.</summary>
    public static double EmbeddingRecallAt(IReadOnlyList<float[]> seedEmbeddings, IReadOnlyList<float[]> goldEmbeddings, int k, double threshold = DefaultEmbeddingThreshold)
    {
        ArgumentNullException.ThrowIfNull(seedEmbeddings);
        ArgumentNullException.ThrowIfNull(goldEmbeddings);
        var top = seedEmbeddings.Take(k).Select(e => VectorMath.Normalized(e)).ToArray();
        var found = goldEmbeddings
            .Select(g => VectorMath.Normalized(g))
            .Count(g => top.Any(s => VectorMath.Dot(s, g) >= threshold));
        return goldEmbeddings.Count == 0 ? 0 : found / (double)goldEmbeddings.Count;
    }

    /// <summary>
    /// The exact-match ceiling: the share of <paramref name="gold"/> whose key occurs as a word sequence in
    /// some document once that is reduced to its key words (stop words and punctuation dropped).
    /// </summary>
    public static double Ceiling(IReadOnlyList<string> gold, IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(documents);
        var reduced = documents.Select(d => " " + SeedKey.Of(d) + " ").ToArray();
        var occurring = gold.Count(g => SeedKey.Of(g) is { Length: > 0 } key
            && reduced.Any(d => d.Contains(" " + key + " ", StringComparison.Ordinal)));
        return gold.Count == 0 ? 0 : occurring / (double)gold.Count;
    }

    /// <summary>Concept names of a gold file with lines <c>id|name</c>.</summary>
    public static IReadOnlyList<string> ReadGold(string path) =>
        [.. File.ReadLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0 ? l[(bar + 1)..].Trim() : l)
            .Where(n => n.Length > 0)];
}
