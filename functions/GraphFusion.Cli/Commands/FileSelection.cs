namespace GraphFusion.Cli.Commands;

/// <summary>Expands the paths given on the command line into files, folders recursively; hidden files are skipped.</summary>
internal static class FileSelection
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                files.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'))));
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or folder", path);
            }
        }

        return files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
