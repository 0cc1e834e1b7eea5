using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.Proposals;

/// <summary>
/// How the chat model's proposals are told apart from stated, rule-inferred and predicted relations: they are inferred,
/// carry no evidence, and their reasoning starts with <see cref="Marker"/>. Each proposal pass replaces all of them.
/// </summary>
public static class ProposedRelations
{
    public const string Marker = "proposed by";

    public static bool IsProposal(Relation relation) =>
        relation.Inferred && relation.Reasoning is { } reasoning && reasoning.StartsWith(Marker, StringComparison.Ordinal);

    public static Relation Create(string headId, string type, string tailId, string proposer, string reason, string path) => new()
    {
        Id = StableId.Of("r-", headId, tailId),
        HeadId = headId,
        Type = type,
        TailId = tailId,
        Confidence = 0.5,
        Inferred = true,
        Reasoning = $"{Marker} {proposer}: {reason} (from {path})",
    };
}
