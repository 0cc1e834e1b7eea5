using System.Text.Json;
using GraphFusion.Core.Seeds;

namespace GraphFusion.Core.Tests.Seeds;

public class SeedRankerTests
{
    [Fact]
    public void User_concepts_come_first_and_are_not_repeated()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings);
        var user = UserConceptReader.Parse(["# my concepts", "Knowledge Graphs\tentities and their relations", "", "quantum parsing"]);

        var seeds = SeedRanker.Rank(model, user);

        Assert.Equal(["Knowledge Graphs", "quantum parsing"], seeds.Take(2).Select(s => s.Name));
        Assert.All(seeds.Take(2), s => Assert.Equal(SeedSource.User, s.Source));
        Assert.Equal("entities and their relations", seeds[0].Description);
        Assert.Equal([6, 7, 8], seeds[0].Documents);
        Assert.Empty(seeds[1].Documents);
        Assert.Single(seeds, s => s.Key == "knowledge graph");
        Assert.Contains(seeds.Skip(2), s => s.Key == "machine translation" && s.Source == SeedSource.TopicModel);
    }

    [Fact]
    public void The_model_survives_a_json_round_trip()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings);

        var copy = JsonSerializer.Deserialize<SeedModel>(JsonSerializer.Serialize(model))!;

        Assert.Equal(SeedRanker.Rank(model).Select(s => (s.Key, s.Score)), SeedRanker.Rank(copy).Select(s => (s.Key, s.Score)));
    }

    [Fact]
    public void Centroid_relevance_demotes_a_frequent_phrase_that_is_off_the_clusters_topic()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings);
        var byWeight = SeedRanker.Rank(model);
        var translation = model.Documents[0].Cluster;
        var phrases = model.Clusters[translation].Phrases.Select(p => p.Key).ToArray();
        Assert.Contains("language data", phrases);

        // "language data" points away from every topic axis; the other phrases point along their cluster's.
        var embeddings = model.Clusters
            .SelectMany(c => c.Phrases.Select(p => (p.Key, Topic: model.Documents[c.Documents[0]].Cluster)))
            .DistinctBy(p => p.Key)
            .ToDictionary(p => p.Key, p => p.Key == "language data" ? Axis(7) : SeedCorpus.Embedding(p.Topic, 0));
        var byRelevance = SeedRanker.Rank(model, phraseEmbeddings: embeddings);

        Assert.Contains(byWeight, s => s.Key == "language data");
        Assert.DoesNotContain(byRelevance, s => s.Key == "language data");
        Assert.Equal(byWeight.Count - 1, byRelevance.Count);
    }

    [Fact]
    public void Without_a_relevance_exponent_phrase_embeddings_change_nothing()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings, new SeedModelOptions { RelevanceExponent = 0 });
        var embeddings = model.Clusters.SelectMany(c => c.Phrases).Select(p => p.Key).Distinct().ToDictionary(k => k, _ => Axis(7));

        Assert.Equal(SeedRanker.Rank(model).Select(s => s.Key), SeedRanker.Rank(model, phraseEmbeddings: embeddings).Select(s => s.Key));
    }

    private static float[] Axis(int axis)
    {
        var vector = new float[8];
        vector[axis] = 1;
        return vector;
    }
}
