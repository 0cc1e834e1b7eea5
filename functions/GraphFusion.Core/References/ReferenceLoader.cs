namespace GraphFusion.Core.References;

/// <summary>
/// Loads reference entities by the shape of the path: a folder is a triple graph (<c>ent_ids</c> + <c>triples</c>),
/// <c>.jsonl</c>/<c>.ndjson</c> is JSON lines of entities, <c>.csv</c>/<c>.tsv</c>/<c>.tab</c> is a glossary.
/// </summary>
public static class ReferenceLoader
{
    public static IReadOnlyList<ReferenceEntity> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return TripleReferenceReader.Read(path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such reference file or folder: {path}", path);
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => EntityJsonLinesReader.Read(path),
            ".csv" or ".tsv" or ".tab" => GlossaryReader.Read(path),
            var other => throw new ReferenceFormatException(path, 0, $"unknown reference format '{other}' (expected .csv, .tsv, .jsonl or a folder with ent_ids and triples)"),
        };
    }

    /// <summary>Loads several files; ids are prefixed by nothing, so the same id in two files is an error.</summary>
    public static IReadOnlyList<ReferenceEntity> LoadAll(IEnumerable<string> paths)
    {
        var all = new List<ReferenceEntity>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var entity in Load(path))
            {
                if (!seen.TryAdd(entity.Id, entity.Source))
                {
                    throw new ReferenceFormatException(path, 0, $"the id '{entity.Id}' is also used in {seen[entity.Id]}");
                }

                all.Add(entity);
            }
        }

        return all;
    }
}
