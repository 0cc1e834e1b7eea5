namespace GraphFusion.Core.References;

/// <summary>
/// Reads labelled mentions, one per line: <c>mention&lt;TAB&gt;expected id or NIL&lt;TAB&gt;sentence</c>.
/// Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class LinkingCaseReader
{
    public const string Nil = "NIL";

    public static IReadOnlyList<LinkingCase> Read(string path)
    {
        var cases = new List<LinkingCase>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t', 3);
            if (fields.Length < 3 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
            {
                throw new ReferenceFormatException(path, number, "expected mention<TAB>expected id or NIL<TAB>sentence");
            }

            var expected = fields[1].Trim();
            cases.Add(new LinkingCase(fields[0].Trim(), fields[2].Trim(), expected == Nil ? null : expected, number));
        }

        return cases;
    }
}
