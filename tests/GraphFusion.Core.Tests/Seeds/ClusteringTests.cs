using GraphFusion.Core.Seeds;

namespace GraphFusion.Core.Tests.Seeds;

public class ClusteringTests
{
    [Fact]
    public void Clusters_follow_the_distance_threshold_and_are_deterministic()
    {
        var vectors = SeedCorpus.Embeddings;

        var first = AgglomerativeClusterer.Cluster(vectors, 0.5);
        var second = AgglomerativeClusterer.Cluster(vectors, 0.5);

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8]], first);
        Assert.Equal(first, second);
        Assert.Single(AgglomerativeClusterer.Cluster(vectors, 1.5));
        Assert.Equal(9, AgglomerativeClusterer.Cluster(vectors, 0.001).Count);
    }

    [Fact]
    public void Ties_break_the_same_way_whatever_the_run()
    {
        float[][] vectors = [[1, 0], [1, 0], [1, 0], [0, 1]];

        var clusters = Enumerable.Range(0, 3).Select(_ => AgglomerativeClusterer.Cluster(vectors, 0.2)).ToArray();

        Assert.All(clusters, c => Assert.Equal([[0, 1, 2], [3]], c));
    }
}
