namespace GraphFusion.Core.Tests;

/// <summary>Paths of the repository's sample documents.</summary>
internal static class SampleFiles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Documents => Path.Combine(RepoRoot, "samples", "documents");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Documents, name));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Build.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
