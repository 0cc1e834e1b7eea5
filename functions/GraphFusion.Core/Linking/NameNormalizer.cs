using System.Globalization;
using System.Text;

namespace GraphFusion.Core.Linking;

/// <summary>
/// The normalised key of a surface form: case, accents, hyphens and punctuation folded, the head noun singular.
/// "Neural Networks", "neural-network" and "neural network" share the key "neural network".
/// </summary>
public static class NameNormalizer
{
    private static readonly HashSet<string> KeepPlural = new(StringComparer.Ordinal)
    {
        "analysis", "basis", "corpus", "bus", "gas", "physics", "mathematics", "linguistics", "statistics", "economics",
        "news", "series", "species", "status", "axis", "thesis", "hypothesis", "diagnosis", "synthesis", "genesis", "lens",
        "glass", "class", "loss", "less", "chaos", "bias", "atlas", "alias", "bayes", "os", "windows", "sas", "aws", "iris", "kubernetes", "ethics", "semantics", "pragmatics", "robotics", "graphics",
    };

    public static string Key(string surface)
    {
        var decomposed = surface.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c) || c is '+' or '#')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(' ');
            }
        }

        var tokens = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return string.Empty;
        }

        tokens[^1] = Singular(tokens[^1]);
        return string.Join(' ', tokens);
    }

    public static string Singular(string word)
    {
        if (word.Length <= 3 || KeepPlural.Contains(word) || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal))
        {
            return word;
        }

        return word.EndsWith('s') ? word[..^1] : word;
    }

    /// <summary>True for surface forms such as "LSTM", "BiLSTM" or "GPT-4": short and mostly upper case.</summary>
    public static bool LooksLikeAcronym(string surface)
    {
        var letters = surface.Where(char.IsLetter).ToArray();
        if (letters.Length is < 2 or > 10 || surface.Contains(' '))
        {
            return false;
        }

        return letters.Count(char.IsUpper) >= Math.Max(2, letters.Length - 2);
    }
}
