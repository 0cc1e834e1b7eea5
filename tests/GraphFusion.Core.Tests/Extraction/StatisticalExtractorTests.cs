using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Extraction;

public class StatisticalExtractorTests
{
    private static ChunkExtraction Extract(string text) => new StatisticalExtractor().Extract(new ChunkInput("c1", text));

    [Fact]
    public void Cue_phrases_give_typed_directed_triplets_with_evidence()
    {
        const string text = "Transformers are used for machine translation. Long short-term memory (LSTM) is a type of recurrent neural network.";

        var result = Extract(text);

        Assert.Contains(result.Triplets, t => t is { Head: "Transformers", Relation: RelationSchema.UsedFor, Tail: "machine translation" });
        Assert.Contains(result.Triplets, t => t is { Head: "LSTM", Relation: RelationSchema.HyponymOf, Tail: "recurrent neural network" });
        var used = result.Triplets.First(t => t.Relation == RelationSchema.UsedFor);
        Assert.Equal("Transformers are used for machine translation.", text[used.Start..used.End]);
        Assert.Contains(new ExtractedAlias("LSTM", "Long short-term memory"), result.Aliases);
    }

    [Fact]
    public void Such_as_reverses_direction_and_lists_share_the_relation()
    {
        var result = Extract("Large language models such as GPT-4 are popular. BERT, GPT and T5 are used for question answering.");

        Assert.Contains(result.Triplets, t => t is { Head: "GPT-4", Relation: RelationSchema.HyponymOf, Tail: "Large language models" });
        Assert.Contains(result.Triplets, t => t is { Head: "BERT", Relation: RelationSchema.UsedFor, Tail: "question answering" });
        Assert.Contains(result.Triplets, t => t is { Head: "GPT", Relation: RelationSchema.UsedFor, Tail: "question answering" });
    }

    [Fact]
    public void Generic_words_are_not_concepts()
    {
        var result = Extract("We present a novel approach. The results are shown in the paper.");

        Assert.DoesNotContain(result.Mentions, m => m.Surface is "approach" or "results" or "paper" or "novel approach");
    }

    [Fact]
    public void Mentions_are_typed_by_head_word()
    {
        Assert.Equal(EntityTyper.Task, EntityTyper.TypeOf("named entity recognition"));
        Assert.Equal(EntityTyper.Method, EntityTyper.TypeOf("recurrent neural networks"));
        Assert.Equal(EntityTyper.Metric, EntityTyper.TypeOf("F1 score"));
        Assert.Equal(EntityTyper.Material, EntityTyper.TypeOf("CoNLL corpus"));
    }
}
