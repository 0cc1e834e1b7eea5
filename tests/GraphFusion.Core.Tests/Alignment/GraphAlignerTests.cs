using GraphFusion.Core.Alignment;
using static GraphFusion.Core.Tests.Alignment.GraphBuilder;

namespace GraphFusion.Core.Tests.Alignment;

public class GraphAlignerTests
{
    [Fact]
    public void Structure_decides_when_names_share_no_script()
    {
        // Seeds 0-3 agree by name; 4 and 5 have names in different scripts on each side.
        var left = Build(
            ["Alpha", "Bravo", "Charlie", "Delta", "Москва", "Санкт-Петербург"],
            (4, 1, 0), (4, 2, 1), (5, 1, 2), (5, 2, 3));
        var right = Build(
            ["Alpha", "Bravo", "Charlie", "Delta", "東京", "大阪"],
            (4, 7, 0), (4, 8, 1), (5, 7, 2), (5, 8, 3));
        var seeds = Enumerable.Range(0, 4).Select(i => new EntityLink(i, i));

        var pairs = Pairs(new GraphAligner(left, right).Align(seeds), left, right);

        Assert.Equal(4, pairs[4]);
        Assert.Equal(5, pairs[5]);
    }

    [Fact]
    public void Names_decide_when_structure_is_ambiguous()
    {
        // Both unknowns hang off the same seed through the same relation: only the names tell them apart.
        var left = Build(["France", "Zürich", "Genève"], (1, 1, 0), (2, 1, 0));
        var right = Build(["France", "Geneva", "Zurich"], (1, 3, 0), (2, 3, 0));

        var pairs = Pairs(new GraphAligner(left, right).Align([new EntityLink(0, 0)]), left, right);

        Assert.Equal(2, pairs[1]);
        Assert.Equal(1, pairs[2]);
    }

    [Fact]
    public void Each_entity_is_matched_at_most_once()
    {
        // Both left names are closest to "Jean Dupont"; only one may have it.
        var left = Build(["Jean Dupont", "Jean Dupond", "Marie Curie"]);
        var right = Build(["Jean Dupont", "Jean Dupond Senior", "Pierre Curie"]);

        var pairs = new GraphAligner(left, right).Align([]);

        Assert.Equal(pairs.Count, pairs.Select(p => p.Right).Distinct().Count());
        Assert.Equal(pairs.Count, pairs.Select(p => p.Left).Distinct().Count());
        Assert.Contains(pairs, p => p.Left == 0 && p.Right == 0);
        Assert.Contains(pairs, p => p.Left == 1 && p.Right == 1);
    }

    [Fact]
    public void Structure_alone_aligns_a_random_graph_with_random_names()
    {
        var data = RandomPair(entities: 400, triples: 2000, dropShare: 0.1, seed: 7);
        var split = LinkSplit.Of(data, holdout: 0.7, seed: 3);

        var result = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions());
        var namesOnly = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions { StructureWeight = 0, Rounds = 0 });

        Assert.True(result.Metrics.HitsAt1 >= 0.8, $"Hits@1 {result.Metrics.HitsAt1:0.000}");
        Assert.True(namesOnly.IndependentMetrics.HitsAt1 < 0.05, $"names alone: Hits@1 {namesOnly.IndependentMetrics.HitsAt1:0.000}");
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        var data = RandomPair(entities: 300, triples: 1200, dropShare: 0.2, seed: 11);
        var split = LinkSplit.Of(data, holdout: 0.5, seed: 5);

        var one = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions { MaxDegreeOfParallelism = 1 });
        var many = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(one, many);
    }

    [Fact]
    public void Expanded_seeds_keep_every_rounds_matches_and_reach_further()
    {
        var data = RandomPair(entities: 300, triples: 900, dropShare: 0.3, seed: 13);
        var split = LinkSplit.Of(data, holdout: 0.8, seed: 3);
        GraphAligner Aligner(int rounds) => new(data.Left, data.Right, new GraphAlignerOptions { NameWeight = 0, ExpandSeeds = true, Rounds = rounds });
        var seeds = Aligner(0).SeedMatching(split.Seeds);

        var one = Aligner(1).Propagate(seeds);
        var three = Aligner(3).Propagate(seeds);

        Assert.True(three.Count > one.Count, $"{one.Count} after one round, {three.Count} after three");
        for (var l = 0; l < data.Left.Count; l++)
        {
            if (one.LeftToRight[l] >= 0)
            {
                Assert.Equal(one.LeftToRight[l], three.LeftToRight[l]);
            }
        }

        var plain = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions { NameWeight = 0, ExpandSeeds = false });
        var expanded = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions { NameWeight = 0, ExpandSeeds = true });
        Assert.True(expanded.PropagatedPairs > plain.PropagatedPairs, $"{expanded.PropagatedPairs} vs {plain.PropagatedPairs}");
        Assert.True(expanded.Metrics.HitsAt1 >= plain.Metrics.HitsAt1, $"Hits@1 {expanded.Metrics.HitsAt1:0.000} vs {plain.Metrics.HitsAt1:0.000}");
    }
}
