namespace GraphFusion.Core.References;

/// <summary>A folder reference that is still missing files it needs (a triple graph whose other file has not arrived).</summary>
public sealed class ReferenceIncompleteException(string message) : Exception(message);

/// <summary>
/// Reads the entities of a reference from its files with the same readers as local files (<see cref="ReferenceLoader"/>):
/// a file reference by its extension; a folder holding <c>ent_ids</c>/<c>triples</c> files (or <c>_1</c> variants) as one
/// triple graph; any other folder as the glossaries and JSON-lines files in it. Errors name the reference's own file and line.
/// </summary>
public static class ReferenceContentReader
{
    public static IReadOnlyList<IndexedReferenceEntity> Read(string reference, IReadOnlyList<ReferenceFile> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.Combine(Path.GetTempPath(), $"gf-ref-{Guid.NewGuid():N}");
        // The folder takes the reference's own name: entities of a triple graph name it as their source.
        var folder = Path.Combine(root, FolderName(reference));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in files)
            {
                var name = Path.GetFileName(file.Name.Replace('\\', '/'));
                if (name.Length == 0 || name is "." or "..")
                {
                    throw new ReferenceFormatException($"{Display(reference, file.Name)}: not a usable file name");
                }

                File.WriteAllBytes(Path.Combine(folder, name), file.Content);
            }

            try
            {
                return ReferenceNames.IsFolder(reference) ? ReadFolder(folder) : ReadFile(Path.Combine(folder, Path.GetFileName(files.Single().Name)));
            }
            catch (FormatException ex)
            {
                throw Renamed(ex, folder, reference);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IReadOnlyList<IndexedReferenceEntity> ReadFile(string path) =>
        [.. ReferenceLoader.Load(path).Select(e => IndexedReferenceEntity.From(e))];

    private static IReadOnlyList<IndexedReferenceEntity> ReadFolder(string folder)
    {
        var names = Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var entityFile = names.FirstOrDefault(n => n is "ent_ids" or "ent_ids_1");
        var tripleFile = names.FirstOrDefault(n => n is "triples" or "triples_1");
        if (entityFile is not null || tripleFile is not null)
        {
            if (entityFile is null || tripleFile is null)
            {
                throw new ReferenceIncompleteException($"waiting for {(entityFile is null ? "ent_ids (or ent_ids_1)" : "triples (or triples_1)")}: a triple graph needs both files");
            }

            return TripleReferenceReader.ReadIndexed(folder);
        }

        var readable = names.Where(n => Path.GetExtension(n).ToLowerInvariant() is ".csv" or ".tsv" or ".tab" or ".jsonl" or ".ndjson").ToList();
        if (readable.Count == 0)
        {
            throw new ReferenceFormatException(folder, 0, $"holds no reference file (found: {string.Join(", ", names)}; expected ent_ids + triples, or .csv, .tsv, .jsonl files)");
        }

        return [.. ReferenceLoader.LoadAll(readable.Select(n => Path.Combine(folder, n))).Select(e => IndexedReferenceEntity.From(e))];
    }

    // Messages name the temporary copy; callers know the reference by its blob or file name.
    private static ReferenceFormatException Renamed(FormatException ex, string folder, string reference)
    {
        var prefix = ReferenceNames.IsFolder(reference) ? reference.TrimEnd('/') : Path.GetDirectoryName(reference.Replace('\\', '/'))?.Replace('\\', '/') ?? "";
        var message = ex.Message.Replace(folder + Path.DirectorySeparatorChar, prefix.Length == 0 ? "" : prefix + "/", StringComparison.Ordinal)
            .Replace(folder, prefix, StringComparison.Ordinal);
        return new ReferenceFormatException(message, ex);
    }

    private static string FolderName(string reference)
    {
        var last = reference.TrimEnd('/').Replace('\\', '/').Split('/')[^1];
        var safe = string.Concat(last.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')).Trim('.');
        return ReferenceNames.IsFolder(reference) && safe.Length > 0 ? safe : "reference";
    }

    private static string Display(string reference, string file) =>
        ReferenceNames.IsFolder(reference) ? reference + Path.GetFileName(file) : reference;
}
