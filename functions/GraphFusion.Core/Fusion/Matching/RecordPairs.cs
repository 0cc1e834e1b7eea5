using System.Globalization;
using System.Text.RegularExpressions;

namespace GraphFusion.Core.Fusion.Matching;

/// <summary>A structured record: attribute name and value pairs, in their order.</summary>
public sealed record MatchRecord(IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public string Get(string name) => Attributes.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? "";
}

/// <summary>A labelled pair of records.</summary>
public sealed record RecordPair(MatchRecord Left, MatchRecord Right, bool IsMatch);

/// <summary>
/// Reads entity-resolution pair files in the Magellan/Ditto format: one pair per line,
/// <c>COL attr VAL value ... TAB COL attr VAL value ... TAB label</c>.
/// </summary>
public static partial class RecordPairReader
{
    public static IReadOnlyList<RecordPair> Read(string path) => Parse(File.ReadLines(path));

    public static IReadOnlyList<RecordPair> Parse(IEnumerable<string> lines)
    {
        var pairs = new List<RecordPair>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[2].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var label))
            {
                throw new FormatException($"Line {number} is not 'record TAB record TAB label'.");
            }

            pairs.Add(new RecordPair(ParseRecord(parts[0]), ParseRecord(parts[1]), label != 0));
        }

        return pairs;
    }

    public static MatchRecord ParseRecord(string text) =>
        new(Attribute().Matches(text).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, m.Groups[2].Value.Trim())).ToList());

    [GeneratedRegex(@"COL (\S+) VAL ?(.*?)(?=\s*COL \S+ VAL|\s*$)", RegexOptions.Singleline)]
    private static partial Regex Attribute();
}
