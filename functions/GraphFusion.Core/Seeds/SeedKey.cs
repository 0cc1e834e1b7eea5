using GraphFusion.Core.Extraction;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Seeds;

/// <summary>
/// The matching key of a concept phrase: case, accents, punctuation and hyphens folded, stop words dropped,
/// every word singular. "Task-oriented dialogue systems" and "task oriented dialogue system" share
/// the key "task oriented dialogue system".
/// </summary>
public static class SeedKey
{
    /// <summary>The key of <paramref name="surface"/>; empty when nothing but stop words remains.</summary>
    public static string Of(string surface) => string.Join(' ', Words(surface));

    /// <summary>The key's words, in order.</summary>
    public static IReadOnlyList<string> Words(string surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var words = new List<string>();
        foreach (var token in NameNormalizer.Key(surface).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsContentWord(token))
            {
                words.Add(NameNormalizer.Singular(token));
            }
        }

        return words;
    }

    /// <summary>True for a folded token that is part of a key: not a stop word, not a lone letter.</summary>
    public static bool IsContentWord(string token) =>
        !StopWords.IsStop(token) && !(token.Length == 1 && char.IsLetter(token[0]));
}
