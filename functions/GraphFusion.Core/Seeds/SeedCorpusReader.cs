namespace GraphFusion.Core.Seeds;

/// <summary>Reads a seed corpus: one document per line, trimmed; blank lines are skipped.</summary>
public static class SeedCorpusReader
{
    public static IReadOnlyList<string> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];
    }

    public static IReadOnlyList<string> Read(string path) => Parse(File.ReadLines(path));
}
