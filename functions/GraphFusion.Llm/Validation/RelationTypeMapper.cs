using GraphFusion.Core.Graph;

namespace GraphFusion.Llm.Validation;

/// <summary>
/// Maps the relation name a model wrote to the schema's: case, hyphens, underscores and spaces are ignored
/// ("used_for", "USED FOR" -> Used-for); a unique suffix also counts ("Prerequisite-of" -> Is-a-Prerequisite-of).
/// </summary>
public sealed class RelationTypeMapper(RelationSchema schema)
{
    private readonly Dictionary<string, string> byKey = schema.Types.ToDictionary(t => Key(t.Name), t => t.Name);

    public string? Map(string relation)
    {
        var key = Key(relation);
        if (key.Length == 0)
        {
            return null;
        }

        if (byKey.TryGetValue(key, out var exact))
        {
            return exact;
        }

        if (key.Length < 6)
        {
            return null;
        }

        var suffixMatches = byKey.Where(pair => pair.Key.EndsWith(key, StringComparison.Ordinal)).Select(pair => pair.Value).ToList();
        return suffixMatches.Count == 1 ? suffixMatches[0] : null;
    }

    private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
