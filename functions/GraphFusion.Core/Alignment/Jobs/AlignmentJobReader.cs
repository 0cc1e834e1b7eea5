using System.Text.Json;

namespace GraphFusion.Core.Alignment.Jobs;

/// <summary>
/// Reads a job file: a JSON object with <c>left</c>, <c>right</c> and <c>seeds</c>, and optionally <c>llmRounds</c>,
/// <c>rounds</c>, <c>nameWeight</c>, <c>structureWeight</c> and <c>acceptScore</c>. Errors name the file and the field.
/// </summary>
public static class AlignmentJobReader
{
    private static readonly string[] Known = ["left", "right", "seeds", "llmRounds", "rounds", "nameWeight", "structureWeight", "acceptScore"];

    public static AlignmentJob Read(string name, ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name}: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{name}: expected a JSON object with left, right and seeds");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!Known.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new FormatException($"{name}: unknown field '{property.Name}' (known: {string.Join(", ", Known)})");
                }
            }

            var defaults = new GraphAlignerOptions();
            var options = defaults with
            {
                Rounds = Integer(root, name, "rounds", defaults.Rounds, min: 0, max: 64),
                NameWeight = Number(root, name, "nameWeight", defaults.NameWeight),
                StructureWeight = Number(root, name, "structureWeight", defaults.StructureWeight),
                AcceptScore = Number(root, name, "acceptScore", defaults.AcceptScore),
            };
            if (options.NameWeight + options.StructureWeight <= 0)
            {
                throw new FormatException($"{name}: nameWeight and structureWeight cannot both be 0");
            }

            return new AlignmentJob(
                Folder(root, name, "left"), Folder(root, name, "right"), Path(root, name, "seeds"), Integer(root, name, "llmRounds", 0, min: 0, max: 16), options);
        }
    }

    private static string Folder(JsonElement root, string name, string field)
    {
        var path = Path(root, name, field);
        return path.EndsWith('/') ? path : path + "/";
    }

    private static string Path(JsonElement root, string name, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } path
            ? path
            : throw new FormatException($"{name}: '{field}' is missing (a path such as alignments/fr-en/{field}{(field == "seeds" ? ".tsv" : "/")})");

    private static int Integer(JsonElement root, string name, string field, int fallback, int min, int max)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name}: '{field}' must be a whole number from {min} to {max}, not {value.GetRawText()}");
    }

    private static float Number(JsonElement root, string name, string field, float fallback)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0 and <= 100 and var number
            ? (float)number
            : throw new FormatException($"{name}: '{field}' must be a number from 0 to 100, not {value.GetRawText()}");
    }
}
