namespace GraphFusion.Core.Graph;

/// <summary>A fused concept of the graph: one node, whatever surface forms the documents used for it.</summary>
public sealed record Entity
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string? Description { get; init; }

    /// <summary>Normalised name keys fused into this entity (see <see cref="Linking.NameNormalizer"/>).</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    public int MentionCount { get; init; }
    public int DocumentCount { get; init; }

    /// <summary>The reference entity this entity's mentions link to, when references are indexed and one fits.</summary>
    public EntityReference? Reference { get; init; }
}

/// <summary>
/// The link of a fused entity to a reference entity: its id, the mean confidence of the links that chose it, and how many
/// documents' claims did.
/// </summary>
public sealed record EntityReference(string Id, double Confidence, int Documents);

/// <summary>A fact between two entities, with the evidence that supports it.</summary>
public sealed record Relation
{
    public required string Id { get; init; }
    public required string HeadId { get; init; }
    public required string Type { get; init; }
    public required string TailId { get; init; }
    public double Confidence { get; init; }
    public bool Inferred { get; init; }

    /// <summary>Why an inferred relation holds (the rule and the facts it used).</summary>
    public string? Reasoning { get; init; }

    /// <summary>Every claim about this entity pair, including claims of other types that lost the conflict.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>Set when claims of more than one type compete for this pair: the support of each, and a fingerprint of the claims.</summary>
    public RelationContest? Contest { get; init; }

    /// <summary>Set when a judge (a chat model) chose the type among the competing claims: who chose and why.</summary>
    public string? Adjudication { get; init; }
}

/// <summary>The types claimed for one entity pair, best supported first, and a fingerprint of every claim behind them.</summary>
public sealed record RelationContest(string Fingerprint, IReadOnlyList<ContestedType> Types);

/// <summary>One claimed type of a contested pair and its support.</summary>
public sealed record ContestedType(string Type, int Documents, int Chunks, double Confidence);

/// <summary>Where a fact comes from: a character span of a chunk of a document version.</summary>
public sealed record Evidence(
    string DocumentId,
    string ChunkId,
    int Start,
    int End,
    string Snippet,
    string ClaimedType,
    double Confidence,
    string Extractor);
