using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Fusion.Matching;

/// <summary>A surface form prepared once for many comparisons.</summary>
public sealed class NameProfile
{
    public NameProfile(string surface)
    {
        Surface = surface.Trim();
        Key = NameNormalizer.Key(Surface);
        Tokens = TextSimilarity.Tokens(Surface);
        Compact = string.Concat(Tokens);
        SortedKey = string.Join(' ', Tokens.Order(StringComparer.Ordinal));
        IsAcronym = NameNormalizer.LooksLikeAcronym(Surface.Replace("-", "", StringComparison.Ordinal)) && Tokens.Length == 1;
        Initials = TextSimilarity.Initials(Tokens);
        Numbers = Tokens.Where(t => t.All(char.IsDigit)).Order(StringComparer.Ordinal).ToArray();
        Grams = TextSimilarity.CharGrams(Compact);
    }

    public string Surface { get; }
    public string Key { get; }
    public string[] Tokens { get; }
    public string Compact { get; }
    public string SortedKey { get; }
    public bool IsAcronym { get; }
    public IReadOnlyList<string> Initials { get; }
    public string[] Numbers { get; }
    public Dictionary<string, double> Grams { get; }
}

/// <summary>How alike two names are, in [0, 1], with the evidence that decided it.</summary>
public readonly record struct NameScore(double Score, string Evidence);

/// <summary>
/// Lexical similarity of two concept names. Identical keys (case, plural, hyphen variants) score 1; spelling variants
/// ("pre-training", "pretraining") and acronym/expansion pairs score just below; names that differ by a content word
/// ("language model", "large language model"), by a number ("GPT-3", "GPT-4") or that are different acronyms
/// ("BERT", "RoBERTa") score low, because such near misses usually name a related but distinct concept.
/// </summary>
public static class NameSimilarity
{
    public static NameScore Score(string a, string b) => Score(new NameProfile(a), new NameProfile(b));

    public static NameScore Score(NameProfile a, NameProfile b)
    {
        if (a.Key.Length == 0 || b.Key.Length == 0)
        {
            return new(0, "empty");
        }

        if (a.Key == b.Key)
        {
            return new(1, "same key");
        }

        if (a.Compact == b.Compact)
        {
            return new(0.97, "spelling variant");
        }

        if (IsAcronymOf(a, b) || IsAcronymOf(b, a))
        {
            return new(0.95, "acronym");
        }

        var chars = TextSimilarity.Cosine(a.Grams, b.Grams);
        if (!a.Numbers.SequenceEqual(b.Numbers))
        {
            return new(0.2 * chars, "numbers differ");
        }

        if (a.IsAcronym || b.IsAcronym)
        {
            // Acronyms are not spelled loosely: "BERT" and "RoBERTa" are different models.
            return new(0.3 * chars, "different acronyms");
        }

        var (matched, unmatched, inOrder) = Align(a.Tokens, b.Tokens);
        if (unmatched == 0 && matched > 0)
        {
            return inOrder ? new(0.88 + 0.12 * chars, "same words") : new(0.84, "same words reordered");
        }

        var overlap = 2.0 * matched / (a.Tokens.Length + b.Tokens.Length);
        return new(0.5 * overlap * (0.5 + 0.5 * chars), "words differ");
    }

    /// <summary>Whether <paramref name="acronym"/> is an acronym whose letters are the initials of <paramref name="expansion"/>.</summary>
    public static bool IsAcronymOf(NameProfile acronym, NameProfile expansion) =>
        acronym.IsAcronym && expansion.Tokens.Length >= 2 && expansion.Initials.Contains(acronym.Compact, StringComparer.Ordinal);

    /// <summary>Greedy one-to-one alignment of tokens; function words left over do not count against the pair.</summary>
    private static (int Matched, int Unmatched, bool InOrder) Align(string[] a, string[] b)
    {
        var used = new bool[b.Length];
        var matched = 0;
        var unmatched = 0;
        var lastIndex = -1;
        var inOrder = true;
        foreach (var token in a)
        {
            var found = -1;
            for (var j = 0; j < b.Length && found < 0; j++)
            {
                if (!used[j] && token == b[j])
                {
                    found = j;
                }
            }

            for (var j = 0; j < b.Length && found < 0; j++)
            {
                if (!used[j] && Alike(token, b[j]))
                {
                    found = j;
                }
            }

            if (found < 0)
            {
                unmatched += TextSimilarity.IsFunctionWord(token) ? 0 : 1;
                continue;
            }

            used[found] = true;
            matched++;
            inOrder &= found > lastIndex;
            lastIndex = found;
        }

        for (var j = 0; j < b.Length; j++)
        {
            if (!used[j] && !TextSimilarity.IsFunctionWord(b[j]))
            {
                unmatched++;
            }
        }

        return (matched, unmatched, inOrder);
    }

    // One slip in a long word is a spelling variant ("modelling", "optimisation"); short words and numbers must be equal.
    private static bool Alike(string x, string y) =>
        x.Length >= 6 && y.Length >= 6 && x[0] == y[0] && !TextSimilarity.HasDigit(x) && !TextSimilarity.HasDigit(y)
        && Math.Abs(x.Length - y.Length) <= 1 && TextSimilarity.Levenshtein(x, y) <= 1;
}
