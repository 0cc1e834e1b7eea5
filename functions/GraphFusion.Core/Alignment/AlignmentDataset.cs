namespace GraphFusion.Core.Alignment;

/// <summary>Two knowledge graphs and the known entity pairs between them (external ids).</summary>
/// <param name="Left">The first graph.</param>
/// <param name="Right">The second graph.</param>
/// <param name="TrainLinks">Known pairs (left id, right id).</param>
/// <param name="TestLinks">Held-out pairs, when the data has them.</param>
public sealed record AlignmentDataset(
    KnowledgeGraph Left,
    KnowledgeGraph Right,
    IReadOnlyList<EntityLink> TrainLinks,
    IReadOnlyList<EntityLink>? TestLinks);

/// <summary>A pair of external ids, left then right.</summary>
public readonly record struct EntityLink(int LeftId, int RightId);
