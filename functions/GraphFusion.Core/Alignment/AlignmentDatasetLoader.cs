using System.Globalization;

namespace GraphFusion.Core.Alignment;

/// <summary>
/// Reads the DBP15K folder format. All files are UTF-8, tab-separated, one record per line:
/// <list type="bullet">
/// <item><c>ent_ids_1</c>, <c>ent_ids_2</c>: <c>id&lt;TAB&gt;URI</c> (the URI's last segment is the entity's name);</item>
/// <item><c>triples_1</c>, <c>triples_2</c>: <c>head&lt;TAB&gt;relation&lt;TAB&gt;tail</c> (integer ids);</item>
/// <item><c>train_links</c>, optional <c>test_links</c>: <c>id1&lt;TAB&gt;id2</c>.</item>
/// </list>
/// A single graph folder may instead hold plain <c>ent_ids</c> and <c>triples</c>.
/// </summary>
public static class AlignmentDatasetLoader
{
    /// <summary>Loads both graphs and the links of a DBP15K-format folder.</summary>
    public static AlignmentDataset Load(string folder)
    {
        var left = LoadGraph(folder, 1);
        var right = LoadGraph(folder, 2);
        var train = ReadLinks(Required(folder, "train_links"));
        var testPath = Path.Combine(folder, "test_links");
        var test = File.Exists(testPath) ? ReadLinks(testPath) : null;
        return new AlignmentDataset(left, right, train, test);
    }

    /// <summary>
    /// Loads one graph from a folder holding <c>ent_ids</c> and <c>triples</c>, or, failing that,
    /// <c>ent_ids_{side}</c> and <c>triples_{side}</c> (so a DBP15K folder serves as either side).
    /// </summary>
    public static KnowledgeGraph LoadGraph(string folder, int side)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No such folder: {folder}");
        }

        var plain = Path.Combine(folder, "ent_ids");
        var entities = File.Exists(plain) ? plain : Required(folder, $"ent_ids_{side}");
        var triplesPlain = Path.Combine(folder, "triples");
        var triples = File.Exists(triplesPlain) ? triplesPlain : Required(folder, $"triples_{side}");
        var ids = new List<int>();
        var uris = new List<string>();
        foreach (var (fields, line) in Records(entities, 2))
        {
            ids.Add(ParseId(fields[0], entities, line));
            uris.Add(fields[1]);
        }

        return new KnowledgeGraph(ids, uris, ReadTriples(triples));
    }

    /// <summary>Reads <c>id1&lt;TAB&gt;id2</c> lines.</summary>
    public static List<EntityLink> ReadLinks(string path)
    {
        var links = new List<EntityLink>();
        foreach (var (fields, line) in Records(path, 2))
        {
            links.Add(new EntityLink(ParseId(fields[0], path, line), ParseId(fields[1], path, line)));
        }

        return links;
    }

    private static IEnumerable<Triple> ReadTriples(string path)
    {
        foreach (var (fields, line) in Records(path, 3))
        {
            yield return new Triple(ParseId(fields[0], path, line), ParseId(fields[1], path, line), ParseId(fields[2], path, line));
        }
    }

    private static IEnumerable<(string[] Fields, int Line)> Records(string path, int fields)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t', fields);
            if (parts.Length < fields)
            {
                throw new FormatException($"{path}:{number}: expected {fields} tab-separated fields in '{line}'.");
            }

            yield return (parts, number);
        }
    }

    private static int ParseId(string text, string path, int line) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new FormatException($"{path}:{line}: '{text}' is not an integer id.");

    private static string Required(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is missing in {folder}.", path);
    }
}
