using GraphFusion.Core.Fusion;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Fusion;

public class RelationResolverTests
{
    private readonly RelationResolver resolver = new(RelationSchema.Graphusion);

    private static ResolvedClaim Claim(string head, string type, string tail, string document, double confidence = 0.8, string chunk = "c") =>
        new(head, tail, new RelationClaim(head, type, tail, head, tail, chunk + document, 0, 10, "snippet", confidence, "test"), document, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_type_with_more_independent_documents_wins_and_losers_stay_as_evidence()
    {
        var relations = resolver.Resolve([
            Claim("a", RelationSchema.UsedFor, "b", "d1"),
            Claim("a", RelationSchema.UsedFor, "b", "d2"),
            Claim("a", RelationSchema.PartOf, "b", "d3", confidence: 0.99),
        ]);

        var relation = Assert.Single(relations);
        Assert.Equal(RelationSchema.UsedFor, relation.Type);
        Assert.Equal(3, relation.Evidence.Count);
        Assert.Contains(relation.Evidence, e => e.ClaimedType == RelationSchema.PartOf);
        Assert.Equal(1 - (0.2 * 0.2), relation.Confidence, 6);
    }

    [Fact]
    public void Ties_are_broken_deterministically()
    {
        ResolvedClaim[] claims = [Claim("a", RelationSchema.UsedFor, "b", "d1"), Claim("a", RelationSchema.PartOf, "b", "d2")];

        var first = resolver.Resolve(claims).Single().Type;
        var reversed = resolver.Resolve(claims.Reverse()).Single().Type;

        Assert.Equal(first, reversed);
        Assert.Equal(RelationSchema.PartOf, first);
    }

    [Fact]
    public void Symmetric_types_count_both_directions_as_one_pair()
    {
        var relations = resolver.Resolve([Claim("b", RelationSchema.Conjunction, "a", "d1"), Claim("a", RelationSchema.Conjunction, "b", "d2")]);

        var relation = Assert.Single(relations);
        Assert.Equal(("a", "b"), (relation.HeadId, relation.TailId));
        Assert.Equal(2, relation.Evidence.Count);
    }

    [Fact]
    public void Opposite_directions_of_an_asymmetric_type_are_separate_facts()
    {
        var relations = resolver.Resolve([Claim("a", RelationSchema.UsedFor, "b", "d1"), Claim("b", RelationSchema.UsedFor, "a", "d2")]);

        Assert.Equal(2, relations.Count);
    }
}
