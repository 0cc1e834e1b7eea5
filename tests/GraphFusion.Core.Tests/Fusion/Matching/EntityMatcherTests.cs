using GraphFusion.Core.Fusion.Matching;

namespace GraphFusion.Core.Tests.Fusion.Matching;

public class EntityMatcherTests
{
    [Theory]
    [InlineData("LSTM", "long short-term memory")]
    [InlineData("NLP", "natural language processing")]
    [InlineData("POS", "part of speech")]
    [InlineData("Knowledge Graphs", "knowledge graph")]
    [InlineData("word embeddings", "Word Embedding")]
    [InlineData("pre-training", "pretraining")]
    [InlineData("Named-Entity Recognition", "named entity recognition")]
    [InlineData("BERT", "bert")]
    [InlineData("language modelling", "language modeling")]
    public void Variants_of_one_name_merge(string a, string b)
    {
        var result = EntityMatcher.Default.Match([new MatchCandidate("a", a), new MatchCandidate("b", b)]);

        Assert.Single(result.Clusters);
    }

    [Theory]
    [InlineData("language model", "large language model")]
    [InlineData("BERT", "RoBERTa")]
    [InlineData("GPT-3", "GPT-4")]
    [InlineData("neural network", "recurrent neural network")]
    [InlineData("machine translation", "machine learning")]
    [InlineData("model", "modal")]
    public void Near_miss_distinct_concepts_stay_apart(string a, string b)
    {
        var result = EntityMatcher.Default.Match([new MatchCandidate("a", a), new MatchCandidate("b", b)]);

        Assert.Equal(2, result.Clusters.Count);
    }

    [Fact]
    public void A_chain_does_not_collapse_when_its_ends_differ()
    {
        // "LM" is the initials of both expansions, which clearly differ from each other.
        var result = EntityMatcher.Default.Match(
        [
            new MatchCandidate("lm", "LM"),
            new MatchCandidate("language model", "language model"),
            new MatchCandidate("large model", "large model"),
        ]);

        Assert.Equal(2, result.Clusters.Count);
        Assert.DoesNotContain(result.Clusters, c => c.Ids.Contains("language model") && c.Ids.Contains("large model"));
    }

    [Fact]
    public void Coherent_clustering_refuses_a_merge_that_single_link_would_make()
    {
        var scores = new Dictionary<(int, int), double> { [(0, 1)] = 0.9, [(1, 2)] = 0.85, [(0, 2)] = 0.1 };
        var clusters = CoherentClusterer.Cluster(3, scores.Keys, (a, b) => scores[(a, b)], new ClusteringOptions());

        Assert.Equal([[0, 1], [2]], clusters.Select(c => c.ToArray()).ToArray());
    }

    [Fact]
    public void Coherent_clustering_merges_a_group_that_agrees_throughout()
    {
        var clusters = CoherentClusterer.Cluster(3, [(0, 1), (1, 2)], (_, _) => 0.9, new ClusteringOptions());

        Assert.Equal([0, 1, 2], Assert.Single(clusters));
    }

    [Fact]
    public void Clusters_are_named_by_the_canonical_name_rule()
    {
        var result = EntityMatcher.Default.Match(
        [
            new MatchCandidate("k1", "LSTM") { Count = 5 },
            new MatchCandidate("k2", "Long Short-Term Memories") { Count = 1 },
            new MatchCandidate("k3", "long short-term memory") { Count = 2 },
        ]);

        var cluster = Assert.Single(result.Clusters);
        Assert.Equal("long short-term memory", cluster.CanonicalName);
    }

    [Fact]
    public void Type_disagreement_and_shared_neighbours_move_the_score()
    {
        MatchCandidate Candidate(string id, string name, string type, params string[] neighbours) => new(id, name) { Type = type, Neighbours = neighbours };
        var candidates = new[]
        {
            Candidate("a", "transformer", "Method", "attention", "encoder"),
            Candidate("b", "transformers", "Method", "attention", "encoder"),
            Candidate("c", "transformer", "Material"),
        };
        var scorer = new PairScorer(candidates, new PairScorerOptions());

        Assert.True(scorer.Score(0, 1) > scorer.Score(0, 2));
        Assert.Equal(1, scorer.Score(0, 1));
        Assert.Equal(0.9, scorer.Score(0, 2), 6);
    }

    [Fact]
    public void Blocking_proposes_far_fewer_pairs_than_all_pairs_and_keeps_the_true_ones()
    {
        var random = new Random(3);
        var words = "graph neural network language model attention parsing translation retrieval embedding corpus tagging memory kernel policy vision speech dialogue summary entity relation extraction learning semantic syntactic".Split(' ');
        var names = Enumerable.Range(0, 2000)
            .Select(i => string.Join(' ', Enumerable.Range(0, 2 + i % 3).Select(_ => words[random.Next(words.Length)])) + " " + i)
            .Concat(["CRF", "conditional random field"])
            .Select((name, i) => new MatchCandidate("c" + i, name))
            .ToList();
        var scorer = new PairScorer(names, new PairScorerOptions());

        var pairs = CandidateBlocker.Default.Block(scorer.MainNames);

        Assert.True(pairs.Count < names.Count * 20, $"{pairs.Count} pairs");
        Assert.Contains((names.Count - 2, names.Count - 1), pairs);
    }

    [Theory]
    [InlineData("optimisation", "optimization", true)]
    [InlineData("classification", "clarification", false)]
    public void Edit_distance_tolerates_one_slip_in_a_long_word(string a, string b, bool alike)
    {
        Assert.Equal(alike, NameSimilarity.Score(a, b).Score >= new ClusteringOptions().Threshold);
    }

    [Fact]
    public void Jaro_winkler_and_levenshtein_match_known_values()
    {
        Assert.Equal(0.961, TextSimilarity.JaroWinkler("martha", "marhta"), 3);
        Assert.Equal(3, TextSimilarity.Levenshtein("kitten", "sitting"));
    }
}
