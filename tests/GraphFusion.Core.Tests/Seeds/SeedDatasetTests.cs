using GraphFusion.Core.Seeds;
using GraphFusion.Inference;
using GraphFusion.Testing;

namespace GraphFusion.Core.Tests.Seeds;

public class SeedDatasetTests
{
    [DatasetFact("graphusion/abstracts.txt")]
    public async Task Seeds_of_the_acl_abstracts_recall_the_gold_concepts()
    {
        var documents = File.ReadLines(RepoPaths.Dataset("graphusion/abstracts.txt")).Where(l => l.Trim().Length > 0).ToArray();
        var gold = SeedEvaluation.ReadGold(RepoPaths.Dataset("graphusion/gold_concepts.tsv"));
        using var encoder = new MiniLmEncoder();

        var model = await SeedModelBuilder.BuildAsync(documents, encoder);
        var seeds = await SeedSelection.SelectAsync(model, encoder, [], 687);
        var byFrequency = SeedRanker.Rank(model);

        Assert.InRange(SeedEvaluation.Ceiling(gold, documents), 0.58, 0.66);
        var recall = SeedEvaluation.ExactRecallAt([.. seeds.Select(s => s.Key)], gold, 687);
        Assert.True(recall >= 0.26, $"recall@687 {recall}");
        Assert.True(recall > SeedEvaluation.ExactRecallAt([.. byFrequency.Select(s => s.Key)], gold, 687), "centroid relevance should help");
    }
}
