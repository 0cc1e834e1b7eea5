using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.Proposals;

/// <summary>The chat model's proposals: inferred relations whose reasoning starts with <see cref="Marker"/>.</summary>
public static class ProposedRelations
{
    public const string Marker = "proposed by";

    private static readonly InferredRelationKind Kind = new(Marker);

    public static bool IsProposal(Relation relation) => Kind.Marks(relation);

    public static Relation Create(string headId, string type, string tailId, string proposer, string reason, string path) =>
        Kind.Create(headId, type, tailId, 0.5, $"{proposer}: {reason} (from {path})");
}
