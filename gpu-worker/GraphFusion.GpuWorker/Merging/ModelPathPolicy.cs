using GraphFusion.Merging.Recipes;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>
/// Keeps recipe model paths inside the models root: no <c>..</c> segments, no absolute paths elsewhere, and no
/// symbolic link (on the way to a model, or among a model folder's files) that leads outside the root.
/// </summary>
internal sealed class ModelPathPolicy(string modelsRoot)
{
    private const int MaxLinkDepth = 40;
    private readonly string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelsRoot));

    /// <summary>Every path problem of the recipe (empty when all model paths are allowed).</summary>
    public IReadOnlyList<string> Check(MergeRecipe recipe)
    {
        var problems = new List<string>();
        if (recipe.BaseModelName is { } baseName)
        {
            CheckOne("base_model", baseName, recipe.BaseModel!, problems);
        }

        foreach (var model in recipe.Models)
        {
            CheckOne("models", model.Name, model.Path, problems);
        }

        return problems;
    }

    /// <summary>The path relative to the models root, with '/' separators.</summary>
    public string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private void CheckOne(string key, string written, string resolved, List<string> problems)
    {
        if (written.Split('/', '\\').Any(segment => segment == ".."))
        {
            problems.Add($"{key}: '{written}' contains '..'; model paths must name a model under the models root");
            return;
        }

        if (!IsUnder(resolved, root))
        {
            problems.Add($"{key}: '{written}' is outside the models root; use a path relative to it");
            return;
        }

        var realRoot = RealPath(root);
        foreach (var path in PathsToCheck(resolved))
        {
            if (!IsUnder(RealPath(path), realRoot))
            {
                problems.Add($"{key}: '{written}' reaches '{Relative(path)}', a symbolic link that leads outside the models root");
                return;
            }
        }
    }

    /// <summary>The model path itself and, for a folder, the entries in it (the files a merge opens).</summary>
    private static IEnumerable<string> PathsToCheck(string resolved)
    {
        yield return resolved;
        if (Directory.Exists(resolved))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(resolved))
            {
                yield return entry;
            }
        }
    }

    private static bool IsUnder(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full.Equals(folder, comparison) || full.StartsWith(folder + Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>The path with every symbolic link along it resolved (components that do not exist are kept as written).</summary>
    internal static string RealPath(string path, int depth = 0)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"too many levels of symbolic links: {path}");
        }

        var full = Path.GetFullPath(path);
        var rootPart = Path.GetPathRoot(full)!;
        var current = rootPart;
        foreach (var part in full[rootPart.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            current = target is null ? next : RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
        }

        return Path.TrimEndingDirectorySeparator(current);
    }
}
