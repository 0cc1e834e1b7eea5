namespace GraphFusion.Core.References;

/// <summary>
/// An entity a team already knows about: a glossary term, a catalogue record or a node of a reference graph.
/// <paramref name="Source"/> names the file it came from.
/// </summary>
public sealed record ReferenceEntity(string Id, string Name, IReadOnlyList<string> Aliases, string Description, string? Parent, string Source);
