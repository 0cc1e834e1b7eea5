namespace GraphFusion.Core.Tests.Seeds;

/// <summary>A hand-made corpus of three topics, with embeddings that place each topic on its own axis.</summary>
internal static class SeedCorpus
{
    public static readonly string[] Translation =
    [
        "Machine translation systems translate text between languages. We study machine translation, parallel corpora and language data.",
        "Neural machine translation is hard. Parallel corpora help, as does language data; machine translation models use them.",
        "We evaluate machine translation. Machine translation quality improves with parallel corpora and language data.",
    ];

    public static readonly string[] Speech =
    [
        "Speech recognition turns audio signals into text. Speech recognition errors hurt downstream language data.",
        "We improve speech recognition on noisy audio signals; speech recognition accuracy rises with language data.",
        "Robust speech recognition handles accented audio signals. Speech recognition benefits from language data.",
    ];

    public static readonly string[] Graphs =
    [
        "A knowledge graph stores entity relations. Knowledge graph completion predicts missing entity relations from language data.",
        "We embed the knowledge graph to infer entity relations; knowledge graph embeddings use language data.",
        "Knowledge graph construction extracts entity relations from text. The knowledge graph grows with language data.",
    ];

    public static string[] All => [.. Translation, .. Speech, .. Graphs];

    /// <summary>Unit vectors near axis <paramref name="topic"/>, slightly different per <paramref name="variant"/>.</summary>
    public static float[] Embedding(int topic, int variant, int dimensions = 8)
    {
        var vector = new float[dimensions];
        vector[topic] = 1f;
        vector[3 + (variant % (dimensions - 3))] = 0.1f;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }

    public static float[][] Embeddings =>
        [.. Enumerable.Range(0, 9).Select(i => Embedding(i / 3, i % 3))];
}
