using System.Text.RegularExpressions;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Seeds;

/// <summary>One occurrence of a candidate phrase: its <see cref="SeedKey"/> and its text as written.</summary>
public readonly record struct PhraseOccurrence(string Key, string Surface);

/// <summary>
/// Candidate phrases of a document: the 1..<c>maxWords</c>-grams of its content words (stop words skipped),
/// crossing clause punctuation only when asked, and (when asked) neither starting with a generic modifier
/// ("novel") nor ending with a generic head ("results"); numbers are skipped. The surface is the span as
/// written, without brackets and quotes.
/// </summary>
public static partial class SeedPhraseExtractor
{
    public static IReadOnlyList<PhraseOccurrence> Extract(string text, int maxWords, bool dropGenericEnds = true, bool crossClauses = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        var occurrences = new List<PhraseOccurrence>();
        foreach (var clause in crossClauses ? [text] : Clause().Split(text))
        {
            AddClause(clause, maxWords, dropGenericEnds, occurrences);
        }

        return occurrences;
    }

    private static void AddClause(string clause, int maxWords, bool dropGenericEnds, List<PhraseOccurrence> occurrences)
    {
        var words = new List<(string Word, int Start, int End)>();
        foreach (Match match in Word().Matches(clause))
        {
            foreach (var token in NameNormalizer.Key(match.Value).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (SeedKey.IsContentWord(token) && !IsNumber(token))
                {
                    words.Add((NameNormalizer.Singular(token), match.Index, match.Index + match.Length));
                }
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            var key = words[i].Word;
            for (var n = 1; n <= maxWords && i + n <= words.Count; n++)
            {
                if (n > 1)
                {
                    key += " " + words[i + n - 1].Word;
                }

                if (dropGenericEnds && (StopWords.IsGenericModifier(words[i].Word) || StopWords.IsGenericHead(words[i + n - 1].Word)))
                {
                    continue;
                }

                var surface = Whitespace().Replace(Brackets().Replace(clause[words[i].Start..words[i + n - 1].End], " "), " ").Trim();
                occurrences.Add(new PhraseOccurrence(key, surface));
            }
        }
    }

    private static bool IsNumber(string token) => token.All(char.IsDigit);

    [GeneratedRegex(@"[.,;:!?()\[\]{}""\u201c\u201d|/]+(?:\s|$)|[()\[\]{}""\u201c\u201d;|]")]
    private static partial Regex Clause();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-+#'’]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"[()\[\]{}""\u201c\u201d]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
