namespace GraphFusion.Core.References;

/// <summary>
/// An entity a team already knows about: a glossary term, a catalogue record or a node of a reference graph.
/// <paramref name="Source"/> names the file it came from. <paramref name="Attributes"/> holds the other facts a catalogue
/// record carries (type, country, symbol, ...), values as text; linking reads them as context next to the description.
/// </summary>
public sealed record ReferenceEntity(
    string Id, string Name, IReadOnlyList<string> Aliases, string Description, string? Parent, string Source,
    IReadOnlyDictionary<string, string>? Attributes = null)
{
    /// <summary>The attribute values, in key order, for context and embedding text.</summary>
    public IEnumerable<string> AttributeValues() =>
        Attributes is null ? [] : Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value);
}
