using System.Text.Json;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.References;

namespace GraphFusion.Core.Tests.References;

public sealed class ReferenceEmbeddingIndexTests
{
    private static readonly ReferenceEntity[] Entities =
    [
        new("a", "Alpha", [], "", null, "t"),
        new("b", "Beta", [], "", null, "t"),
        new("c", "Gamma", [], "", null, "t"),
        new("z", "Zero", [], "", null, "t"),
    ];

    private static readonly float[][] Vectors = [[1, 0, 0], [0.8f, 0.6f, 0], [0, 0, 5], [0, 0, 0]];

    [Fact]
    public void Embedding_neighbours_are_the_closest_by_cosine_best_first_above_the_minimum()
    {
        var index = ReferenceIndex.Build(Entities, Vectors);

        var nearest = index.EmbeddingNeighbours([2, 0.1f, 0], 5, 0.5);

        Assert.Equal([0, 1], nearest.Select(n => n.Index));
        Assert.InRange(nearest[0].Cosine, 0.99, 1.0);
        Assert.InRange(nearest[1].Cosine, 0.8, 0.85);
        Assert.Equal([0], index.EmbeddingNeighbours([2, 0.1f, 0], 1, 0.5).Select(n => n.Index));
        Assert.Equal([2], index.EmbeddingNeighbours([0, 0, 0.1f], 5, 0.5).Select(n => n.Index));
    }

    [Fact]
    public void Without_embeddings_or_with_a_query_of_another_length_there_are_no_neighbours()
    {
        Assert.Empty(ReferenceIndex.Build(Entities).EmbeddingNeighbours([1, 0, 0], 5, 0));
        Assert.Empty(ReferenceIndex.Build(Entities, Vectors).EmbeddingNeighbours([1, 0], 5, 0));
        Assert.Throws<ArgumentException>(() => ReferenceIndex.Build(Entities, Vectors[..2]));
    }

    [Fact]
    public void A_candidate_found_only_by_embedding_reports_its_source()
    {
        var index = ReferenceIndex.Build(Entities, Vectors);

        var candidate = Assert.Single(index.Candidates("unrelated words", surfaceVector: [0, 0.1f, 1]));

        Assert.Equal("c", candidate.Entity.Id);
        Assert.Equal(NameMatch.Embedding, candidate.Match);
        Assert.InRange(candidate.NameScore, 0.89, 0.9);
        Assert.Equal(NameMatch.Exact, Assert.Single(index.Candidates("Gamma", surfaceVector: [0, 0.1f, 1])).Match);
    }

    [Fact]
    public void Stored_embeddings_are_base64_float16_and_read_back_as_the_nearest_halves()
    {
        var vector = new[] { 0.1f, -0.333333f, 1f, 0f, 65000f };
        var entity = new IndexedReferenceEntity("a", "Alpha", [], "", null, "t", [], vector);

        var json = JsonSerializer.Serialize(entity);
        var read = JsonSerializer.Deserialize<IndexedReferenceEntity>(json)!;

        Assert.Contains($"\"Embedding\":\"{Convert.ToBase64String([.. vector.SelectMany(v => BitConverter.GetBytes((Half)v))])}\"", json, StringComparison.Ordinal);
        Assert.Equal(vector.Select(v => (float)(Half)v), read.Embedding!);
        Assert.Null(JsonSerializer.Deserialize<IndexedReferenceEntity>(JsonSerializer.Serialize(entity with { Embedding = null }))!.Embedding);
        Assert.Equal([0.5f, 2f], JsonSerializer.Deserialize<float[]>("[0.5, 2]", new JsonSerializerOptions { Converters = { new HalfVectorJsonConverter() } })!);
    }

    [Fact]
    public void The_embedded_text_is_the_name_and_the_start_of_the_description()
    {
        Assert.Equal("NMT", ReferenceEmbeddingText.Of(new ReferenceEntity("n", "NMT", [], " ", null, "t")));
        var longText = ReferenceEmbeddingText.Of(new ReferenceEntity("n", "NMT", [], string.Join(' ', Enumerable.Repeat("word", 100)), null, "t"));
        Assert.StartsWith("NMT: word word", longText, StringComparison.Ordinal);
        Assert.InRange(longText.Length, 150, "NMT: ".Length + ReferenceEmbeddingText.MaxDescriptionChars);
    }
}
