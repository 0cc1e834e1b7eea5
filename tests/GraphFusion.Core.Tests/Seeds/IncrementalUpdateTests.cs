using GraphFusion.Core.Seeds;

namespace GraphFusion.Core.Tests.Seeds;

public class IncrementalUpdateTests
{
    [Fact]
    public void New_documents_change_only_the_clusters_they_join()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings);
        string[] added =
        [
            "Streaming speech recognition with audio signals and a new speaker diarization step. Speaker diarization helps.",
            "Speaker diarization of meeting audio signals before speech recognition; speaker diarization is hard.",
            "Speaker diarization for podcasts improves speech recognition of audio signals.",
        ];

        var updated = SeedModelBuilder.Update(model, added, [SeedCorpus.Embedding(1, 3), SeedCorpus.Embedding(1, 4), SeedCorpus.Embedding(1, 0)]);

        Assert.Equal(12, updated.Documents.Count);
        Assert.Equal(3, updated.Clusters.Count);
        Assert.Same(model.Clusters[0], updated.Clusters[0]);
        Assert.Same(model.Clusters[2], updated.Clusters[2]);
        Assert.Equal([3, 4, 5, 9, 10, 11], updated.Clusters[1].Documents);
        Assert.Contains(updated.Clusters[1].Phrases, p => p.Key == "speaker diarization");
        Assert.DoesNotContain(model.Clusters[1].Phrases, p => p.Key == "speaker diarization");
    }

    [Fact]
    public void Documents_far_from_every_cluster_form_new_clusters()
    {
        var model = SeedModelBuilder.Build(SeedCorpus.All, SeedCorpus.Embeddings);
        string[] added = ["Protein folding with deep models.", "Protein folding predicts structures.", "Protein folding at scale."];
        float[] far = [0, 0, 0, 0, 0, 0, 0, 1];

        var updated = SeedModelBuilder.Update(model, added, [far, far, far]);

        Assert.Equal(4, updated.Clusters.Count);
        Assert.Equal([9, 10, 11], updated.Clusters[3].Documents);
        Assert.Equal("protein folding", updated.Clusters[3].Phrases[0].Key);
        Assert.Equal(model.Clusters.Take(3), updated.Clusters.Take(3));
        Assert.All(updated.Documents.Skip(9), d => Assert.Equal(3, d.Cluster));
    }
}
