using GraphFusion.Core.Seeds;

namespace GraphFusion.Core.Tests.Seeds;

public class ClassTfIdfTests
{
    [Fact]
    public void Each_cluster_ranks_its_distinctive_phrase_first()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings);

        Assert.Equal(3, model.Clusters.Count);
        Assert.Equal(["machine translation", "speech recognition", "knowledge graph"], model.Clusters.Select(c => c.Phrases[0].Key));
        Assert.Equal([0, 1, 2], model.Clusters[0].Phrases[0].Documents);
        Assert.All(model.Clusters, c => Assert.NotEqual("language data", c.Phrases[0].Key));
    }

    [Fact]
    public void A_phrase_spread_over_all_classes_scores_below_an_equally_frequent_concentrated_one()
    {
        var frequencies = new Dictionary<string, int> { ["shared"] = 6, ["local"] = 2 };
        var scores = ClassTfIdf.Score(new Dictionary<string, int> { ["shared"] = 2, ["local"] = 2 }, frequencies, averageClassSize: 4);

        Assert.Equal("local", scores[0].Key);
        Assert.True(scores[0].Score > scores[1].Score);
    }

    [Fact]
    public void Keys_fold_case_hyphens_plurals_and_stop_words()
    {
        Assert.Equal("task oriented dialogue system", SeedKey.Of("Task-Oriented Dialogue Systems"));
        Assert.Equal("strong baseline dialogue", SeedKey.Of("outperform strong baselines on dialogue"));
        Assert.Equal(SeedKey.Of("Neural Networks"), SeedKey.Of("neural-network"));
    }
}
