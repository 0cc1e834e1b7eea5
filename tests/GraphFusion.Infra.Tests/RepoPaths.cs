namespace GraphFusion.Infra.Tests;

/// <summary>Locates files of the repository the tests run in.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder holding Directory.Build.props, found by walking up from the test assembly.</summary>
    public static string Root => RootLazy.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException(
            $"No Directory.Build.props found above {AppContext.BaseDirectory}.");
    }
}
