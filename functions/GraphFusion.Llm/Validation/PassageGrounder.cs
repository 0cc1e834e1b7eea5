using System.Globalization;
using System.Text;

namespace GraphFusion.Llm.Validation;

/// <summary>
/// Finds where a name the model gave occurs in the passage, by a normalised substring match: case, accents, hyphens,
/// dashes, underscores and runs of white space are folded; matches start and end at word boundaries (a plural "s" or
/// "es" in the text is included). Excluded ranges (instruction-like sentences) never match.
/// </summary>
public sealed class PassageGrounder
{
    private const char Blocked = '\u0001';
    private readonly string normalized;
    private readonly int[] originalStart;
    private readonly int[] originalEnd;

    public PassageGrounder(string text, IReadOnlyList<TextSpan>? excluded = null)
    {
        var builder = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var blocked = excluded?.Any(e => i >= e.Start && i < e.End) == true;
            foreach (var c in Fold(text[i]))
            {
                if (blocked)
                {
                    Append(builder, starts, ends, Blocked, i);
                }
                else if (c == ' ')
                {
                    if (builder.Length > 0 && builder[^1] == ' ')
                    {
                        ends[^1] = i + 1;
                        continue;
                    }

                    Append(builder, starts, ends, ' ', i);
                }
                else
                {
                    Append(builder, starts, ends, c, i);
                }
            }
        }

        normalized = builder.ToString();
        originalStart = [.. starts];
        originalEnd = [.. ends];
    }

    /// <summary>The normalised form used for matching; also the key two surfaces are compared by.</summary>
    public static string Normalize(string surface)
    {
        var builder = new StringBuilder(surface.Length);
        foreach (var c in surface.SelectMany(Fold))
        {
            if (c != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim().Trim('"', '\'', '.', ',', ';', ':', '(', ')', '[', ']').Trim();
    }

    /// <summary>Every occurrence of <paramref name="surface"/> in the passage, in order; empty when it is not grounded.</summary>
    public IReadOnlyList<TextSpan> FindAll(string surface)
    {
        var needle = Normalize(surface);
        if (needle.Length == 0)
        {
            return [];
        }

        var found = Find(needle);
        if (found.Count == 0 && needle.Length > 3 && needle.EndsWith('s'))
        {
            found = Find(needle[..^1]);
        }

        return found;
    }

    private List<TextSpan> Find(string needle)
    {
        var spans = new List<TextSpan>();
        for (var at = normalized.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            if (at > 0 && char.IsLetterOrDigit(normalized[at - 1]))
            {
                continue;
            }

            var end = at + needle.Length;
            end = IncludePluralSuffix(end);
            if (end < normalized.Length && char.IsLetterOrDigit(normalized[end]))
            {
                continue;
            }

            spans.Add(new TextSpan(originalStart[at], originalEnd[end - 1]));
        }

        return spans;
    }

    private int IncludePluralSuffix(int end)
    {
        foreach (var suffix in (string[])["es", "s"])
        {
            var after = end + suffix.Length;
            if (string.CompareOrdinal(normalized, end, suffix, 0, suffix.Length) == 0
                && (after == normalized.Length || !char.IsLetterOrDigit(normalized[after])))
            {
                return after;
            }
        }

        return end;
    }

    private static void Append(StringBuilder builder, List<int> starts, List<int> ends, char c, int index)
    {
        builder.Append(c);
        starts.Add(index);
        ends.Add(index + 1);
    }

    private static IEnumerable<char> Fold(char c)
    {
        if (char.IsWhiteSpace(c) || c is '-' or '_' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212')
        {
            yield return ' ';
            yield break;
        }

        if (c is '\u2018' or '\u2019')
        {
            yield return '\'';
            yield break;
        }

        if (c is '\u201C' or '\u201D')
        {
            yield return '"';
            yield break;
        }

        foreach (var d in c.ToString().Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                yield return char.ToLowerInvariant(d);
            }
        }
    }
}
