using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Fusion.Matching;

/// <summary>Lexical building blocks of matching: tokens, character n-grams, edit distances and vector cosines.</summary>
public static class TextSimilarity
{
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "for", "in", "on", "to", "with", "by", "at", "from", "via", "or",
    };

    public static bool IsFunctionWord(string token) => FunctionWords.Contains(token);

    /// <summary>The tokens of a name's normalised key, each made singular.</summary>
    public static string[] Tokens(string text)
    {
        var key = NameNormalizer.Key(text);
        if (key.Length == 0)
        {
            return [];
        }

        var tokens = key.Split(' ');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = NameNormalizer.Singular(tokens[i]);
        }

        return tokens;
    }

    /// <summary>The singular tokens joined without separators: "pre-training" and "pretraining" share it.</summary>
    public static string Compact(string text) => string.Concat(Tokens(text));

    /// <summary>The singular tokens in ordinal order: "learning, deep" and "deep learning" share it.</summary>
    public static string SortedKey(string text) => string.Join(' ', Tokens(text).Order(StringComparer.Ordinal));

    /// <summary>Initials of a multi-word name, with and without its function words ("part of speech": "pos", "ps").</summary>
    public static IReadOnlyList<string> Initials(IReadOnlyList<string> tokens)
    {
        if (tokens.Count < 2)
        {
            return [];
        }

        var all = string.Concat(tokens.Select(t => t[0]));
        var content = string.Concat(tokens.Where(t => !IsFunctionWord(t)).Select(t => t[0]));
        return content.Length >= 2 && content != all ? [all, content] : [all];
    }

    /// <summary>Character n-grams of the compact form, padded at both ends, with their counts.</summary>
    public static Dictionary<string, double> CharGrams(string text, int n = 3)
    {
        var padded = "#" + text + "#";
        var grams = new Dictionary<string, double>(StringComparer.Ordinal);
        if (padded.Length < n)
        {
            grams[padded] = 1;
            return grams;
        }

        for (var i = 0; i + n <= padded.Length; i++)
        {
            var gram = padded.Substring(i, n);
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }

        return grams;
    }

    public static double Cosine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        double dot = 0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : Math.Min(1, dot / norm);
    }

    public static double Jaccard<T>(IReadOnlyCollection<T> a, IReadOnlyCollection<T> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var set = a.ToHashSet();
        var shared = b.Distinct().Count(set.Contains);
        return (double)shared / (set.Count + b.Distinct().Count() - shared);
    }

    public static int Levenshtein(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static double JaroWinkler(string a, string b)
    {
        if (a == b)
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j < Math.Min(b.Length, i + window + 1); j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + prefix * 0.1 * (1 - jaro);
    }

    public static bool HasDigit(string token) => token.Any(char.IsDigit);
}
