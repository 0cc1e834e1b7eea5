using GraphFusion.Core.Linking;

namespace GraphFusion.Core.References;

/// <summary>
/// Reads a team's glossary: CSV (or TSV for <c>.tsv</c>/<c>.tab</c>) with a header row naming the columns
/// <c>term</c> and <c>description</c> (required), and optionally <c>synonyms</c> (<c>;</c>-separated), <c>parent</c>
/// and <c>id</c>. Without an id column a term's id is its normalised key; a second term with the same key gets
/// <c>#2</c> appended, and so on. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class GlossaryReader
{
    public static IReadOnlyList<ReferenceEntity> Read(string path)
    {
        var separator = Path.GetExtension(path).ToLowerInvariant() is ".tsv" or ".tab" ? '\t' : ',';
        var source = Path.GetFileName(path);
        Dictionary<string, int>? columns = null;
        var entities = new List<ReferenceEntity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = lineNumber == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = DelimitedLine.Split(line, separator, out var problem)
                ?? throw new ReferenceFormatException(path, lineNumber, problem!);
            if (columns is null)
            {
                columns = Header(fields, path, lineNumber);
                continue;
            }

            if (fields.Count > columns.Count)
            {
                throw new ReferenceFormatException(path, lineNumber, $"{fields.Count} fields but the header names {columns.Count} columns{(separator == ',' ? " (quote fields that contain commas)" : "")}");
            }

            string Field(string name) => columns.TryGetValue(name, out var at) && at < fields.Count ? fields[at] : "";
            var term = Field("term");
            if (term.Length == 0 || NameNormalizer.Key(term).Length == 0)
            {
                throw new ReferenceFormatException(path, lineNumber, "the term is empty");
            }

            var id = Field("id");
            if (id.Length == 0)
            {
                id = UniqueId(NameNormalizer.Key(term), ids);
            }
            else if (!ids.Add(id))
            {
                throw new ReferenceFormatException(path, lineNumber, $"the id '{id}' is used twice");
            }

            var synonyms = Field("synonyms").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var parent = Field("parent");
            entities.Add(new ReferenceEntity(id, term, synonyms, Field("description"), parent.Length == 0 ? null : parent, source));
        }

        return columns is null ? throw new ReferenceFormatException(path, 0, "the file has no header row (term, description, synonyms, parent)") : entities;
    }

    private static Dictionary<string, int> Header(List<string> fields, string path, int line)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].ToLowerInvariant() switch
            {
                "name" => "term",
                "definition" => "description",
                "aliases" or "synonym" => "synonyms",
                var other => other,
            };
            columns.TryAdd(name, i);
        }

        foreach (var required in (string[])["term", "description"])
        {
            if (!columns.ContainsKey(required))
            {
                throw new ReferenceFormatException(path, line, $"the header has no '{required}' column (found: {string.Join(", ", fields)})");
            }
        }

        return columns;
    }

    private static string UniqueId(string key, HashSet<string> ids)
    {
        var id = key;
        for (var n = 2; !ids.Add(id); n++)
        {
            id = key + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return id;
    }
}
