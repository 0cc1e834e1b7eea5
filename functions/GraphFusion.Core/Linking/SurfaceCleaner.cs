using System.Text.RegularExpressions;

namespace GraphFusion.Core.Linking;

/// <summary>
/// Tidies an extracted surface form: whitespace runs and line breaks become one space, stray punctuation at the ends goes,
/// and a trailing parenthesised acronym ("named entity recognition (NER)") is split off as an alias of the rest.
/// </summary>
public static partial class SurfaceCleaner
{
    public static (string Surface, string? Acronym) Clean(string surface)
    {
        var cleaned = Whitespace().Replace(surface, " ").Trim().Trim(',', ';', ':', '.', '"', '\'').Trim();
        var match = TrailingAcronym().Match(cleaned);
        if (match.Success && NameNormalizer.LooksLikeAcronym(match.Groups[2].Value))
        {
            return (match.Groups[1].Value.TrimEnd(), match.Groups[2].Value);
        }

        return (cleaned, null);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(.+?)\s*\(\s*([\p{L}][\p{L}\p{N}\-]{1,11})\s*\)$")]
    private static partial Regex TrailingAcronym();
}
