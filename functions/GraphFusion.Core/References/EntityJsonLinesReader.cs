using System.Text.Json;

namespace GraphFusion.Core.References;

/// <summary>
/// Reads entities from JSON lines, one object per line:
/// <c>{"id": "...", "name": "...", "aliases": ["..."], "description": "...", "parent": "..."}</c>.
/// <c>id</c> and <c>name</c> are required, the others optional. Any other member whose value is a string, number or
/// boolean, or an array of those, is kept as an attribute (arrays joined with ", "); nested objects are ignored.
/// </summary>
public static class EntityJsonLinesReader
{
    public static IReadOnlyList<ReferenceEntity> Read(string path)
    {
        var source = Path.GetFileName(path);
        var entities = new List<ReferenceEntity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(line);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new ReferenceFormatException(path, lineNumber, $"not a JSON object ({ex.Message})");
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ReferenceFormatException(path, lineNumber, "expected a JSON object");
            }

            var id = RequiredString(root, "id", path, lineNumber);
            if (!ids.Add(id))
            {
                throw new ReferenceFormatException(path, lineNumber, $"the id '{id}' is used twice");
            }

            var name = RequiredString(root, "name", path, lineNumber);
            entities.Add(new ReferenceEntity(id, name, Aliases(root, path, lineNumber), OptionalString(root, "description", path, lineNumber) ?? "", OptionalString(root, "parent", path, lineNumber), source, Attributes(root)));
        }

        return entities;
    }

    private static readonly HashSet<string> KnownMembers = new(StringComparer.Ordinal) { "id", "name", "aliases", "description", "parent" };

    private static Dictionary<string, string>? Attributes(JsonElement root)
    {
        Dictionary<string, string>? attributes = null;
        foreach (var member in root.EnumerateObject())
        {
            if (KnownMembers.Contains(member.Name) || AttributeText(member.Value) is not { Length: > 0 } text)
            {
                continue;
            }

            (attributes ??= new Dictionary<string, string>(StringComparer.Ordinal))[member.Name] = text;
        }

        return attributes;
    }

    private static string? AttributeText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(ScalarText).Where(t => t is { Length: > 0 })),
        _ => null,
    };

    private static string? ScalarText(JsonElement value) =>
        value.ValueKind is JsonValueKind.Array or JsonValueKind.Object ? null : AttributeText(value);

    private static string RequiredString(JsonElement root, string name, string path, int line)
    {
        var value = root.TryGetProperty(name, out var element) ? element : default;
        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString()!.Trim().Length > 0 => value.GetString()!.Trim(),
            JsonValueKind.Number when name == "id" => value.GetRawText(),
            JsonValueKind.Undefined => throw new ReferenceFormatException(path, line, $"'{name}' is missing"),
            _ => throw new ReferenceFormatException(path, line, $"'{name}' must be a non-empty string"),
        };
    }

    private static string? OptionalString(JsonElement root, string name, string path, int line) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : throw new ReferenceFormatException(path, line, $"'{name}' must be a string");

    private static List<string> Aliases(JsonElement root, string path, int line)
    {
        if (!root.TryGetProperty("aliases", out var aliases) || aliases.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (aliases.ValueKind != JsonValueKind.Array || aliases.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
        {
            throw new ReferenceFormatException(path, line, "'aliases' must be an array of strings");
        }

        return [.. aliases.EnumerateArray().Select(a => a.GetString()!.Trim()).Where(a => a.Length > 0)];
    }
}
