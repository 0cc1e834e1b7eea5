namespace GraphFusion.Core.Seeds;

/// <summary>
/// A seed model as the graph store keeps it: the model, the content hashes of its documents in model order (to
/// tell which documents a later run adds), the seed list derived from it, and when it was saved.
/// </summary>
public sealed record StoredSeedModel
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> DocumentHashes { get; init; }

    public required SeedModel Model { get; init; }

    public required IReadOnlyList<SeedConcept> Seeds { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
