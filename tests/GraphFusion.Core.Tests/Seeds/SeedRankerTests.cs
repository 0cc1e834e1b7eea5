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
}
