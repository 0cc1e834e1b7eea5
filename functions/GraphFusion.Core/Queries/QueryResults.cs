using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Queries;

/// <summary>An entity found by a search, with how well it matched (1 for an exact key, lower for fuzzy matches).</summary>
public sealed record SearchHit(Entity Entity, double Score, string MatchedOn);

/// <summary>One page of a list: <see cref="Total"/> is the size of the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit)
{
    public int? NextOffset => Offset + Items.Count < Total ? Offset + Items.Count : null;
}

/// <summary>A shortest path: entities in order from start to end, and the relation taken at each step (either direction).</summary>
public sealed record GraphPath(IReadOnlyList<Entity> Entities, IReadOnlyList<Relation> Relations)
{
    public int Length => Relations.Count;
}

/// <summary>A piece of evidence for a relation, with the name of its document.</summary>
public sealed record ProvenanceItem(string DocumentId, string DocumentName, string ChunkId, int Start, int End, string Text, string ClaimedType, double Confidence, string Extractor);

/// <summary>Where a relation comes from: its ends and every supporting claim.</summary>
public sealed record RelationProvenance(Relation Relation, Entity? Head, Entity? Tail, IReadOnlyList<ProvenanceItem> Evidence);
