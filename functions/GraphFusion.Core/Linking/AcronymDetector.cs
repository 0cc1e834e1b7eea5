using System.Text.RegularExpressions;

namespace GraphFusion.Core.Linking;

/// <summary>An acronym defined in text, such as "long short-term memory (LSTM)".</summary>
public sealed record AcronymDefinition(string Acronym, string Expansion, int Start, int End);

/// <summary>Finds "expansion (ACRONYM)" definitions whose initials match, after Schwartz and Hearst (2003).</summary>
public static partial class AcronymDetector
{
    public static IReadOnlyList<AcronymDefinition> Find(string text)
    {
        var found = new List<AcronymDefinition>();
        foreach (Match match in Parenthesised().Matches(text))
        {
            var acronym = match.Groups[1].Value;
            if (!NameNormalizer.LooksLikeAcronym(acronym))
            {
                continue;
            }

            var words = WordsBefore(text, match.Index, Math.Min(acronym.Length + 5, acronym.Length * 2));
            var expansion = BestExpansion(acronym, words);
            if (expansion is not null)
            {
                var start = text.LastIndexOf(expansion, match.Index, StringComparison.Ordinal);
                found.Add(new AcronymDefinition(acronym, expansion, Math.Max(0, start), match.Index + match.Length));
            }
        }

        return found;
    }

    private static List<string> WordsBefore(string text, int position, int maxWords)
    {
        var prefix = text[Math.Max(0, position - 200)..position];
        var words = Word().Matches(prefix).Select(m => m.Value).ToList();
        return words.Count > maxWords ? words[^maxWords..] : words;
    }

    // The shortest run of preceding words whose initials (or inner capitals) spell the acronym's letters in order.
    private static string? BestExpansion(string acronym, List<string> words)
    {
        var letters = acronym.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray();
        for (var take = 1; take <= words.Count; take++)
        {
            var candidate = words[^take..];
            if (!char.IsLetter(candidate[0][0]) || char.ToLowerInvariant(candidate[0][0]) != letters[0])
            {
                continue;
            }

            if (Covers(letters, string.Join(' ', candidate).ToLowerInvariant()) && candidate.Count <= letters.Length + 2 && candidate.Count >= Math.Min(2, letters.Length))
            {
                return string.Join(' ', candidate).Replace(" - ", "-", StringComparison.Ordinal);
            }
        }

        return null;
    }

    private static bool Covers(char[] letters, string expansion)
    {
        var position = 0;
        foreach (var letter in letters)
        {
            position = expansion.IndexOf(letter, position);
            if (position < 0)
            {
                return false;
            }

            position++;
        }

        return true;
    }

    [GeneratedRegex(@"\(\s*([A-Za-z][A-Za-z0-9\-]{1,11})\s*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-']*")]
    private static partial Regex Word();
}
