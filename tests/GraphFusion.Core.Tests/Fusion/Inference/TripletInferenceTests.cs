using GraphFusion.Core.Fusion.Inference;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Fusion.Inference;

public class TripletInferenceTests
{
    private static readonly string[] Names = ["A", "B", "C", "D"];

    private static Entity[] Entities => Names.Select(n => new Entity { Id = n, Name = "n" + n, Type = "Concept" }).ToArray();

    private static Relation Fact(string head, string type, string tail, double confidence = 0.9) =>
        new() { Id = StableId.Of("r-", head, tail), HeadId = head, Type = type, TailId = tail, Confidence = confidence };

    private static string[] Infer(InferenceOptions options, params Relation[] relations) =>
        TripletInference.Infer(Entities, relations, options).Select(r => $"{r.HeadId} {r.Type} {r.TailId}").Order(StringComparer.Ordinal).ToArray();

    private static string[] Infer(params Relation[] relations) => Infer(new InferenceOptions(), relations);

    [Fact]
    public void Hyponym_of_is_transitive()
    {
        var inferred = TripletInference.Infer(Entities, [Fact("A", RelationSchema.HyponymOf, "B"), Fact("B", RelationSchema.HyponymOf, "C")], new InferenceOptions());

        var relation = Assert.Single(inferred);
        Assert.Equal(("A", RelationSchema.HyponymOf, "C"), (relation.HeadId, relation.Type, relation.TailId));
        Assert.True(relation.Inferred);
        Assert.Equal(0.9 * 0.9 * 0.8, relation.Confidence, 4);
        Assert.Equal(StableId.Of("r-", "A", "C"), relation.Id);
        Assert.Equal("Hyponym-Of transitivity: nA Hyponym-Of nB; nB Hyponym-Of nC", relation.Reasoning);
    }

    [Theory]
    [InlineData(RelationSchema.UsedFor)]
    [InlineData(RelationSchema.PartOf)]
    public void A_kind_inherits_what_its_kind_is_used_for_and_part_of(string type)
    {
        var inferred = TripletInference.Infer(Entities, [Fact("A", RelationSchema.HyponymOf, "B"), Fact("B", type, "C")], new InferenceOptions());

        var relation = Assert.Single(inferred);
        Assert.Equal(("A", type, "C"), (relation.HeadId, relation.Type, relation.TailId));
        Assert.Equal($"{type} inheritance along Hyponym-Of: nA Hyponym-Of nB; nB {type} nC", relation.Reasoning);
    }

    [Fact]
    public void Part_of_is_transitive()
    {
        Assert.Equal(["A Part-of C"], Infer(Fact("A", RelationSchema.PartOf, "B"), Fact("B", RelationSchema.PartOf, "C")));
    }

    [Fact]
    public void Prerequisite_chains_close_up_to_the_hop_limit()
    {
        Relation[] chain = [Fact("A", RelationSchema.PrerequisiteOf, "B"), Fact("B", RelationSchema.PrerequisiteOf, "C"), Fact("C", RelationSchema.PrerequisiteOf, "D")];

        Assert.Equal(
            ["A Is-a-Prerequisite-of C", "A Is-a-Prerequisite-of D", "B Is-a-Prerequisite-of D"],
            Infer(new InferenceOptions { MaxHops = 2 }, chain));
        Assert.Equal(
            ["A Is-a-Prerequisite-of C", "B Is-a-Prerequisite-of D"],
            Infer(new InferenceOptions { MaxHops = 1 }, chain));
    }

    [Fact]
    public void Confidence_decays_with_every_hop()
    {
        var inferred = TripletInference.Infer(
            Entities,
            [Fact("A", RelationSchema.HyponymOf, "B", 1), Fact("B", RelationSchema.HyponymOf, "C", 1), Fact("C", RelationSchema.HyponymOf, "D", 1)],
            new InferenceOptions { MaxHops = 2 });

        Assert.Equal(0.8, inferred.Single(r => r.HeadId == "A" && r.TailId == "C").Confidence, 6);
        var twoHops = inferred.Single(r => r.HeadId == "A" && r.TailId == "D");
        Assert.Equal(0.64, twoHops.Confidence, 6);
        Assert.Contains("(inferred)", twoHops.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_inferred_for_a_pair_that_already_has_a_fact()
    {
        Assert.Empty(Infer(Fact("A", RelationSchema.HyponymOf, "B"), Fact("B", RelationSchema.HyponymOf, "C"), Fact("C", RelationSchema.Compare, "A")));
        Assert.Empty(Infer(Fact("A", RelationSchema.HyponymOf, "B"), Fact("B", RelationSchema.UsedFor, "C"), Fact("A", RelationSchema.UsedFor, "C")));
    }

    [Fact]
    public void Types_without_a_sound_rule_infer_nothing()
    {
        Assert.Empty(Infer(Fact("A", RelationSchema.UsedFor, "B"), Fact("B", RelationSchema.UsedFor, "C")));
        Assert.Empty(Infer(Fact("A", RelationSchema.Compare, "B"), Fact("B", RelationSchema.Compare, "C")));
        Assert.Empty(Infer(Fact("A", RelationSchema.UsedFor, "B"), Fact("B", RelationSchema.HyponymOf, "C")));
        Assert.Empty(Infer(Fact("A", RelationSchema.HyponymOf, "B"), Fact("B", RelationSchema.HyponymOf, "A")));
    }
}
