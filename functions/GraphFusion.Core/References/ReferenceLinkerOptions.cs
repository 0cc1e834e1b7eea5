namespace GraphFusion.Core.References;

/// <summary>Weights and thresholds of <see cref="ReferenceLinker"/>.</summary>
public sealed record ReferenceLinkerOptions
{
    /// <summary>Share of the confidence that comes from the names; the rest comes from the context.</summary>
    public double NameWeight { get; init; } = 0.75;

    /// <summary>Below this confidence the mention is NIL: it names no reference entity.</summary>
    public double NilThreshold { get; init; } = 0.55;

    /// <summary>When the runner-up scores within this margin of the best, the link is uncertain and its confidence is cut.</summary>
    public double AmbiguityMargin { get; init; } = 0.02;

    /// <summary>The factor applied to the confidence of an uncertain link.</summary>
    public double AmbiguityPenalty { get; init; } = 0.7;

    /// <summary>Shortest n-gram cosine for a near-miss name to be a candidate.</summary>
    public double MinNameSimilarity { get; init; } = 0.45;

    /// <summary>
    /// Shortest cosine between the mention's embedding and an entity's name-and-description embedding for the entity to be
    /// an embedding candidate (only when the linker has an embedder and the index has embeddings).
    /// </summary>
    public double MinEmbeddingSimilarity { get; init; } = 0.6;
}
