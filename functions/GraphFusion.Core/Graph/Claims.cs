namespace GraphFusion.Core.Graph;

/// <summary>A document's mention of a concept, as the extractor saw it.</summary>
public sealed record MentionClaim(string Surface, string Type, string ChunkId, int Start, int End, double Confidence, string Extractor);

/// <summary>
/// A document's claim of a relation. It is stored under its head key, and for symmetric types under its tail key too,
/// so that fusing either end sees it.
/// </summary>
public sealed record RelationClaim(
    string HeadKey,
    string Type,
    string TailKey,
    string HeadSurface,
    string TailSurface,
    string ChunkId,
    int Start,
    int End,
    string Snippet,
    double Confidence,
    string Extractor);

/// <summary>
/// Everything one document version says about one normalised concept key. The fused graph is derived from
/// these claims alone, so replacing or deleting a document is replacing or deleting its claims and re-fusing.
/// </summary>
public sealed record KeyClaims
{
    public required string Key { get; init; }
    public required string DocumentId { get; init; }
    public required string DocumentVersion { get; init; }
    public DateTimeOffset ObservedAt { get; init; }
    public IReadOnlyList<MentionClaim> Mentions { get; init; } = [];
    public IReadOnlyList<RelationClaim> Relations { get; init; } = [];

    /// <summary>Other keys the document says name the same concept (acronym and expansion).</summary>
    public IReadOnlyList<string> AliasKeys { get; init; } = [];

    /// <summary>The graph entity the mention linked to when it was ingested, with the link's confidence.</summary>
    public string? LinkedEntityId { get; init; }

    public double LinkConfidence { get; init; }

    /// <summary>
    /// The reference entity (glossary term, catalogue record) the key's first mention links to, whether or not a graph
    /// entity owns the key, with the linker's confidence; null when no reference fits or none is indexed.
    /// </summary>
    public string? ReferenceId { get; init; }

    public double ReferenceConfidence { get; init; }
}
