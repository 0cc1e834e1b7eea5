namespace GraphFusion.Core.References;

/// <summary>How a mention's name reached a reference entity.</summary>
public enum NameMatch
{
    /// <summary>The mention's key is the entity's name key.</summary>
    Exact,

    /// <summary>The mention's key is one of the entity's alias keys.</summary>
    Alias,

    /// <summary>The mention is an acronym of the entity's name (or the other way round).</summary>
    Acronym,

    /// <summary>The names share character n-grams.</summary>
    Similar,

    /// <summary>The mention's embedding is among the nearest neighbours of the entity's name-and-description embedding.</summary>
    Embedding,
}

/// <summary>
/// A reference entity retrieved for a mention, with the similarity of the names (0..1). <see cref="Match"/> is the source
/// that gave the highest name score when several found the entity.
/// </summary>
public sealed record ReferenceCandidate(int Index, ReferenceEntity Entity, NameMatch Match, double NameScore);
