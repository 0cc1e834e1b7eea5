namespace GraphFusion.Core.Seeds;

/// <summary>A concept the user lists, with an optional description.</summary>
public sealed record UserConcept(string Name, string? Description = null);

/// <summary>
/// Reads a user concept list: one concept per line, optionally <c>name&lt;TAB&gt;description</c>; blank
/// lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class UserConceptReader
{
    public static IReadOnlyList<UserConcept> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var concepts = new List<UserConcept>();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var tab = trimmed.IndexOf('\t', StringComparison.Ordinal);
            var name = (tab < 0 ? trimmed : trimmed[..tab]).Trim();
            var description = tab < 0 ? null : trimmed[(tab + 1)..].Trim();
            if (name.Length > 0)
            {
                concepts.Add(new UserConcept(name, string.IsNullOrEmpty(description) ? null : description));
            }
        }

        return concepts;
    }

    public static IReadOnlyList<UserConcept> Read(string path) => Parse(File.ReadLines(path));
}
