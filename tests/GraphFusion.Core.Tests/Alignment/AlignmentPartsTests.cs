using GraphFusion.Core.Alignment;

namespace GraphFusion.Core.Tests.Alignment;

public class AlignmentPartsTests
{
    [Theory]
    [InlineData("http://fr.dbpedia.org/resource/Calixa-Lavall%C3%A9e", "Calixa-Lavallée")]
    [InlineData("http://dbpedia.org/resource/Francis,_Duke_of_Cádiz", "Francis, Duke of Cádiz")]
    [InlineData("http://dbpedia.org/resource/AC/DC", "AC/DC")]
    [InlineData("http://example.org/things/Last_One", "Last One")]
    public void Names_come_from_the_uri(string uri, string name) => Assert.Equal(name, EntityLabel.FromUri(uri));

    [Theory]
    [InlineData("Calixa-Lavallée", "calixa lavallee")]
    [InlineData("Lena Kolarska-Bobińska", "lena kolarska bobinska")]
    [InlineData("Straße (Köln)", "strasse koln")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Søren Kierkegaard", "soren kierkegaard")]
    public void Folding_removes_case_diacritics_and_punctuation(string name, string folded) => Assert.Equal(folded, EntityLabel.Fold(name));

    [Fact]
    public void Metrics_of_hand_made_ranks()
    {
        var metrics = RankingMetrics.From([1, 2, 11, 1]);

        Assert.Equal(0.5, metrics.HitsAt1, 10);
        Assert.Equal(0.75, metrics.HitsAt10, 10);
        Assert.Equal((1 + 0.5 + (1.0 / 11) + 1) / 4, metrics.MeanReciprocalRank, 10);
        Assert.Equal(4, metrics.Count);
    }

    [Fact]
    public void Ranks_count_ties_against_the_correct_candidate()
    {
        float[] scores = [0.2f, 0.9f, 0.9f, 0.1f];

        Assert.Equal(2, RankingMetrics.RankOf(scores, 1));
        Assert.Equal(2, RankingMetrics.RankOf(scores, 2));
        Assert.Equal(3, RankingMetrics.RankOf(scores, 0));
        Assert.Equal(4, RankingMetrics.RankOf(scores, 3));
    }

    [Fact]
    public void Greedy_assignment_is_one_to_one_and_takes_mutual_best_first()
    {
        ScoredPair[] candidates = [new(0, 0, 0.9f), new(1, 0, 0.8f), new(1, 1, 0.5f), new(2, 1, 0.6f), new(2, 2, 0.1f)];
        var matching = new EntityMatching(3, 3);

        var added = OneToOneAssignment.Greedy(candidates, matching);

        Assert.Equal([(0, 0), (2, 1)], added.Select(p => (p.Left, p.Right)));
        Assert.Equal(-1, matching.LeftToRight[1]);
    }

    [Fact]
    public void Mutual_best_needs_both_ends_to_agree_and_a_margin()
    {
        ScoredPair[] candidates = [new(0, 0, 0.9f), new(1, 0, 0.95f), new(1, 1, 0.5f), new(2, 2, 0.7f), new(2, 3, 0.69f)];

        var mutual = OneToOneAssignment.MutualBest(candidates, minimumScore: 0.3f, minimumMargin: 0.05f);

        // 1→0 is mutual best; 0 prefers 0 but 0 prefers 1; 2→2 leads its runner-up by too little.
        Assert.Equal([(1, 0)], mutual.Select(p => (p.Left, p.Right)));
    }

    [Fact]
    public void Relation_weights_favour_neighbours_that_identify_the_entity()
    {
        // Relation 0: three heads share one tail ("country"); relation 1: one head per tail ("capital").
        var graph = GraphBuilder.Build(["a", "b", "c", "France", "x", "y"], (0, 0, 3), (1, 0, 3), (2, 0, 3), (3, 1, 4), (5, 1, 0));

        Assert.Equal(1.0 / 3, graph.Relations.Weight(0), 10);
        Assert.Equal(1.0, graph.Relations.Weight(2), 10);
        Assert.Equal(1.0, graph.Relations.Weight(1), 10);
    }

    [Fact]
    public void Holdout_split_is_seeded_and_disjoint()
    {
        var data = GraphBuilder.RandomPair(entities: 50, triples: 100, dropShare: 0, seed: 1);

        var a = LinkSplit.Of(data, 0.3, seed: 9);
        var b = LinkSplit.Of(data, 0.3, seed: 9);

        Assert.Equal(a.Test, b.Test);
        Assert.Equal(15, a.Test.Count);
        Assert.Equal(35, a.Seeds.Count);
        Assert.Empty(a.Test.Intersect(a.Seeds));
    }

    [Fact]
    public void Loader_reads_a_dbp15k_folder()
    {
        var folder = Directory.CreateTempSubdirectory("alignment-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "ent_ids_1"), "1\thttp://fr.dbpedia.org/resource/Paris\n2\thttp://fr.dbpedia.org/resource/France\n");
            File.WriteAllText(Path.Combine(folder, "ent_ids_2"), "7\thttp://dbpedia.org/resource/Paris\n8\thttp://dbpedia.org/resource/France\n");
            File.WriteAllText(Path.Combine(folder, "triples_1"), "1\t5\t2\n");
            File.WriteAllText(Path.Combine(folder, "triples_2"), "7\t6\t8\n");
            File.WriteAllText(Path.Combine(folder, "train_links"), "2\t8\n");
            File.WriteAllText(Path.Combine(folder, "test_links"), "1\t7\n");

            var data = AlignmentDatasetLoader.Load(folder);

            Assert.Equal(2, data.Left.Count);
            Assert.Equal(1, data.Left.TripleCount);
            Assert.Equal([new EntityLink(2, 8)], data.TrainLinks);
            Assert.Equal([new EntityLink(1, 7)], data.TestLinks!);
            var split = LinkSplit.Of(data, 0.3, 1);
            var result = AlignmentEvaluator.Evaluate(data, split, new GraphAlignerOptions());
            Assert.Equal(1, result.Metrics.HitsAt1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
