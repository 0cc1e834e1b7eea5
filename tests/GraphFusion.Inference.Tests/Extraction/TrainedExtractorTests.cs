using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Inference.Extraction;
using GraphFusion.Testing;

namespace GraphFusion.Inference.Tests.Extraction;

public sealed class TrainedExtractorTests
{
    [Fact]
    public async Task Shipped_model_extracts_typed_mentions_and_schema_triplets_from_a_sample_document()
    {
        Assert.True(TrainedExtractor.HasShippedModel);
        using var extractor = TrainedExtractor.LoadShipped();
        Assert.Contains(extractor.Version, extractor.Name, StringComparison.Ordinal);
        Assert.Contains("\"dev\"", extractor.ModelCard, StringComparison.Ordinal);

        var text = await File.ReadAllTextAsync(Path.Combine(RepoPaths.RepoRoot, "samples", "documents", "recurrent-networks.txt"));
        var results = await extractor.ExtractAsync([new ChunkInput("c1", text), new ChunkInput("empty", "")], CancellationToken.None);

        Assert.Equal(["c1", "empty"], results.Select(r => r.ChunkId));
        var result = results[0];
        Assert.Equal(extractor.Name, result.Extractor);
        Assert.True(result.Mentions.Count >= 8, $"{result.Mentions.Count} mentions");
        foreach (var mention in result.Mentions)
        {
            Assert.Equal(mention.Surface, text[mention.Start..mention.End]);
            Assert.Contains(mention.Type, new[] { "Task", "Method", "Metric", "Material", "Concept" });
            Assert.InRange(mention.Confidence, 0.0, 1.0);
        }

        var surfaces = result.Mentions.Select(m => m.Surface.ToLowerInvariant()).ToHashSet();
        Assert.Contains("speech recognition", surfaces);
        Assert.Contains(surfaces, s => s.Contains("lstm", StringComparison.Ordinal));

        Assert.NotEmpty(result.Triplets);
        foreach (var triplet in result.Triplets)
        {
            Assert.NotNull(RelationSchema.Graphusion.Canonical(triplet.Relation));
            Assert.InRange(triplet.Confidence, 0.0, 1.0);
            var evidence = text[triplet.Start..triplet.End];
            Assert.Contains(triplet.Head, evidence, StringComparison.Ordinal);
            Assert.Contains(triplet.Tail, evidence, StringComparison.Ordinal);
        }

        Assert.Contains(result.Triplets, t => t.Relation == RelationSchema.UsedFor
            && t.Tail.Contains("recognition", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Aliases, a => a.Short == "LSTM" && a.Long.Equals("Long short-term memory", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(results[1].Mentions);
    }

    [Fact]
    public void Words_keep_character_offsets_and_treebank_style()
    {
        const string text = "We use state-of-the-art LSTMs (a 0.889 F-measure), i.e. recurrent nets.";
        var words = WordTokenizer.Split(text, 0, text.Length).Select(w => text[w.Start..w.End]).ToArray();
        Assert.Equal(["We", "use", "state-of-the-art", "LSTMs", "(", "a", "0.889", "F-measure", ")", ",", "i.e", ".", "recurrent", "nets", "."], words);
        Assert.Equal("(", WordTokenizer.Unescape("-LRB-"));
    }
}
