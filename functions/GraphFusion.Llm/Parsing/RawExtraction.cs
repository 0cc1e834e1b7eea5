namespace GraphFusion.Llm.Parsing;

/// <summary>An entity as the model named it, before grounding.</summary>
public sealed record RawEntity(string Name, string? Type);

/// <summary>A triplet as the model wrote it, before validation.</summary>
public sealed record RawTriplet(string Head, string Relation, string Tail);

/// <summary>The model's answer for one passage, parsed; <see cref="Repaired"/> says the JSON needed repair.</summary>
public sealed record RawExtraction(IReadOnlyList<RawEntity> Entities, IReadOnlyList<RawTriplet> Triplets, bool Repaired)
{
    public static RawExtraction Empty { get; } = new([], [], false);

    public bool IsEmpty => Entities.Count == 0 && Triplets.Count == 0;
}
