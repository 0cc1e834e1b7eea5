using GraphFusion.Core.Seeds;

namespace GraphFusion.Core.Tests.Seeds;

public class SeedCleaningTests
{
    [Fact]
    public void A_word_that_only_occurs_inside_a_longer_phrase_is_dominated()
    {
        var counts = new Dictionary<string, int> { ["neural"] = 5, ["neural network"] = 5, ["network"] = 9 };

        var dominated = SubPhraseDominance.Dominated(counts, counts.Keys);

        Assert.Contains("neural", dominated);
        Assert.DoesNotContain("network", dominated);
        Assert.DoesNotContain("neural network", dominated);
    }

    [Fact]
    public void Near_duplicates_by_embedding_fold_into_the_higher_ranked_concept()
    {
        SeedConcept[] ranked =
        [
            Concept("dialogue system", [1], SeedSource.TopicModel),
            Concept("speech recognition", [2], SeedSource.TopicModel),
            Concept("dialog system", [3], SeedSource.TopicModel),
        ];
        float[][] vectors = [[1, 0, 0], [0, 1, 0], [0.99f, 0.05f, 0]];

        var merged = NearDuplicateMerger.Merge(ranked, vectors);

        Assert.Equal(["dialogue system", "speech recognition"], merged.Select(c => c.Name));
        Assert.Equal([1, 3], merged[0].Documents);
    }

    [Fact]
    public void User_concepts_are_never_folded_away()
    {
        SeedConcept[] ranked = [Concept("dialogue system", [1], SeedSource.TopicModel), Concept("dialog system", [], SeedSource.User)];

        var merged = NearDuplicateMerger.Merge(ranked, [[1, 0], [1, 0.01f]]);

        Assert.Equal(2, merged.Count);
    }

    [Fact]
    public void Phrases_with_the_same_key_are_one_seed()
    {
        string[] documents = ["Neural networks learn. A neural-network model.", "The Neural Network works. Neural networks again.", "neural network data"];

        var model = SeedModelBuilder.Build(documents, [[1, 0], [1, 0], [1, 0]], new SeedModelOptions { MinDocumentFrequency = 1 });
        var seeds = SeedRanker.Rank(model);

        Assert.Single(seeds, s => s.Key == "neural network");
        Assert.Equal([0, 1, 2], seeds.Single(s => s.Key == "neural network").Documents);
    }

    private static SeedConcept Concept(string name, int[] documents, SeedSource source) =>
        new(name, SeedKey.Of(name), source, 1, [0], documents);
}
