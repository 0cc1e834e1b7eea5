using Xunit;

namespace GraphFusion.Testing;

/// <summary>Well-known locations of the repository, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The repository root: the nearest folder above the test binaries that holds Directory.Build.props.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>tests/Emulators: the npm project with the local emulators.</summary>
    public static string EmulatorsDirectory => Path.Combine(RepoRoot, "tests", "Emulators");

    /// <summary>The shared datasets folder next to the repository (may be absent).</summary>
    public static string SharedDatasets => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    /// <summary>Full path of a file or folder under <see cref="SharedDatasets"/>.</summary>
    public static string Dataset(string relativePath) => Path.GetFullPath(Path.Combine(SharedDatasets, relativePath));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder containing Directory.Build.props was found above '{AppContext.BaseDirectory}'.");
    }
}

/// <summary>
/// A fact that is skipped when a dataset under the shared datasets folder is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatasetFactAttribute : FactAttribute
{
    /// <param name="relativePath">File or folder relative to <see cref="RepoPaths.SharedDatasets"/>.</param>
    public DatasetFactAttribute(string relativePath)
    {
        RelativePath = relativePath;
        string full;
        try
        {
            full = RepoPaths.Dataset(relativePath);
        }
        catch (InvalidOperationException ex)
        {
            Skip = ex.Message;
            return;
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            Skip = $"Dataset not available: {full}";
        }
    }

    /// <summary>The dataset path relative to <see cref="RepoPaths.SharedDatasets"/>.</summary>
    public string RelativePath { get; }
}
