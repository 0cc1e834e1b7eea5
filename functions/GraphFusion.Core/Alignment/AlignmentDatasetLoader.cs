using System.Globalization;
using GraphFusion.Core.References;

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

        var entities = Path.Combine(folder, GraphFile(folder, "ent_ids", side, name => File.Exists(Path.Combine(folder, name))));
        var triples = Path.Combine(folder, GraphFile(folder, "triples", side, name => File.Exists(Path.Combine(folder, name))));
        return ReadGraph(entities, File.ReadLines(entities), triples, File.ReadLines(triples));
    }

    /// <summary>
    /// Loads one graph from the files of a folder already in memory (e.g. blobs), with the same file names as
    /// <see cref="LoadGraph(string, int)"/>; errors name <paramref name="folder"/> and the file.
    /// </summary>
    public static KnowledgeGraph LoadGraph(string folder, IReadOnlyList<ReferenceFile> files, int side)
    {
        ArgumentNullException.ThrowIfNull(files);
        var byName = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var entities = GraphFile(folder, "ent_ids", side, byName.ContainsKey);
        var triples = GraphFile(folder, "triples", side, byName.ContainsKey);
        return ReadGraph(
            $"{folder.TrimEnd('/')}/{entities}", Lines(byName[entities].Content), $"{folder.TrimEnd('/')}/{triples}", Lines(byName[triples].Content));
    }

    /// <summary>Reads <c>id1&lt;TAB&gt;id2</c> lines.</summary>
    public static List<EntityLink> ReadLinks(string path) => ReadLinks(path, File.ReadLines(path));

    /// <summary>Reads <c>id1&lt;TAB&gt;id2</c> lines of a file called <paramref name="name"/> in errors.</summary>
    public static List<EntityLink> ReadLinks(string name, IEnumerable<string> lines)
    {
        var links = new List<EntityLink>();
        foreach (var (fields, line) in Records(name, lines, 2))
        {
            links.Add(new EntityLink(ParseId(fields[0], name, line), ParseId(fields[1], name, line)));
        }

        return links;
    }

    /// <summary>The lines of a UTF-8 file's bytes.</summary>
    public static IEnumerable<string> Lines(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), System.Text.Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static KnowledgeGraph ReadGraph(string entitiesName, IEnumerable<string> entityLines, string triplesName, IEnumerable<string> tripleLines)
    {
        var ids = new List<int>();
        var uris = new List<string>();
        foreach (var (fields, line) in Records(entitiesName, entityLines, 2))
        {
            ids.Add(ParseId(fields[0], entitiesName, line));
            uris.Add(fields[1]);
        }

        try
        {
            return new KnowledgeGraph(ids, uris, ReadTriples(triplesName, tripleLines));
        }
        catch (ArgumentException ex) when (ex.ParamName == "ids")
        {
            throw new FormatException($"{entitiesName}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }
    }

    // The plain name, or failing that the DBP15K side's name.
    private static string GraphFile(string folder, string name, int side, Func<string, bool> exists)
    {
        var sided = $"{name}_{side}";
        return exists(name) ? name
            : exists(sided) ? sided
            : throw new FileNotFoundException($"{folder.TrimEnd('/')}: has neither {name} nor {sided}.", Path.Combine(folder, name));
    }

    private static IEnumerable<Triple> ReadTriples(string name, IEnumerable<string> lines)
    {
        foreach (var (fields, line) in Records(name, lines, 3))
        {
            yield return new Triple(ParseId(fields[0], name, line), ParseId(fields[1], name, line), ParseId(fields[2], name, line));
        }
    }

    private static IEnumerable<(string[] Fields, int Line)> Records(string name, IEnumerable<string> lines, int fields)
    {
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t', fields);
            if (parts.Length < fields)
            {
                throw new FormatException($"{name}:{number}: expected {fields} tab-separated fields in '{line}'.");
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
