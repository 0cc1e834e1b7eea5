using GraphFusion.Core.Linking;

namespace GraphFusion.Core.References;

/// <summary>
/// The content words of a text for context comparison: lower case, singular, without stop words and words of
/// fewer than three letters.
/// </summary>
public static class ContextTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "that", "this", "these", "those", "are", "was", "were", "has", "have", "had",
        "its", "their", "our", "your", "into", "onto", "over", "under", "than", "then", "each", "every", "per", "all",
        "any", "some", "not", "but", "also", "can", "may", "must", "should", "will", "would", "which", "who", "whom",
        "what", "when", "where", "how", "why", "use", "used", "using", "uses", "via", "one", "two", "new", "other",
        "such", "been", "being", "there", "here", "about", "after", "before", "between", "more", "most", "less", "only",
        "they", "them", "his", "her", "she", "him", "you", "out", "off", "did", "does", "doe", "done", "get", "got", "make",
        "made", "team", "teams", "value", "values", "record", "records", "data", "number", "show", "shows", "report",
        "reports", "every", "week", "month", "today", "yesterday", "please", "need", "needs",
    };

    public static HashSet<string> Of(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in NameNormalizer.Key(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var singular = NameNormalizer.Singular(word);
            if (singular.Length >= 3 && !StopWords.Contains(singular) && !StopWords.Contains(word) && !singular.All(char.IsDigit))
            {
                tokens.Add(Stem(singular));
            }
        }

        return tokens;
    }

    // A light suffix fold so that "payment", "paid" and "pay" stay apart but "charging"/"charged"/"charge" meet.
    private static string Stem(string word)
    {
        foreach (var suffix in (string[])["ing", "ed", "ly", "er", "ation"])
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word.EndsWith('e') && word.Length > 4 ? word[..^1] : word;
    }
}
