using GraphFusion.Core.Graph;

namespace GraphFusion.Core.References;

/// <summary>
/// How uploads map to references. A file directly in the container (<c>references/glossary.csv</c>) is a reference of its
/// own; every file under a folder (<c>references/dbp-fr/ent_ids_1</c>) belongs to the folder's reference
/// (<c>references/dbp-fr/</c>), so a triple graph arrives as several blobs and is indexed again as each one lands.
/// </summary>
public static class ReferenceNames
{
    /// <summary>The reference an uploaded blob belongs to.</summary>
    public static string ForBlob(string container, string blobName)
    {
        var name = blobName.Replace('\\', '/').TrimStart('/');
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? $"{container}/{name}" : $"{container}/{name[..(slash + 1)]}";
    }

    /// <summary>The reference of a local file or folder (folders end in <c>/</c>).</summary>
    public static string ForPath(string path)
    {
        var full = Path.GetFullPath(path).Replace('\\', '/');
        return Directory.Exists(path) ? full.TrimEnd('/') + "/" : full;
    }

    public static bool IsFolder(string reference) => reference.EndsWith('/');

    public static string IdOf(string reference) => StableId.Of("r-", reference.Trim());

    /// <summary>The version of a reference's content: a hash over its files' names and bytes.</summary>
    public static string VersionOf(IReadOnlyList<ReferenceFile> files)
    {
        using var stream = new MemoryStream();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var name = System.Text.Encoding.UTF8.GetBytes(file.Name);
            stream.Write(BitConverter.GetBytes(name.Length));
            stream.Write(name);
            stream.Write(BitConverter.GetBytes(file.Content.LongLength));
            stream.Write(file.Content);
        }

        return StableId.ContentHash(stream.ToArray());
    }
}
