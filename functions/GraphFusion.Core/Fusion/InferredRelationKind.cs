using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion;

/// <summary>
/// One kind of relation a pass infers without evidence (link predictions, the chat model's proposals): marked as
/// inferred, told apart from stated and rule-inferred relations and from each other by the <see cref="Marker"/> their
/// reasoning starts with. Each pass of its producer replaces all relations of its kind.
/// </summary>
public sealed record InferredRelationKind(string Marker)
{
    public bool Marks(Relation relation) =>
        relation.Inferred && relation.Reasoning is { } reasoning && reasoning.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>A relation of this kind; its reasoning is the marker followed by <paramref name="detail"/>.</summary>
    public Relation Create(string headId, string type, string tailId, double confidence, string detail) => new()
    {
        Id = StableId.Of("r-", headId, tailId),
        HeadId = headId,
        Type = type,
        TailId = tailId,
        Confidence = confidence,
        Inferred = true,
        Reasoning = $"{Marker} {detail}",
    };
}
