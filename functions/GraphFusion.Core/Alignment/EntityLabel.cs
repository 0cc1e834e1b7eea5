using System.Globalization;
using System.Text;

namespace GraphFusion.Core.Alignment;

/// <summary>
/// The comparable name of an entity: the last segment of its URI (after <c>/resource/</c> when present),
/// URL-decoded, underscores as spaces, then folded: compatibility decomposition, diacritics removed, a few
/// letters transliterated (ß→ss, æ→ae, ø→o, ł→l ...), lower case, punctuation as spaces.
/// "http://fr.dbpedia.org/resource/Calixa-Lavall%C3%A9e" becomes "calixa lavallee".
/// </summary>
public static class EntityLabel
{
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ø'] = "o",
        ['ł'] = "l",
        ['đ'] = "d",
        ['ð'] = "d",
        ['þ'] = "th",
        ['ı'] = "i",
        ['ħ'] = "h",
        ['ŋ'] = "ng",
        ['ſ'] = "s",
    };

    /// <summary>The readable name: URI segment, decoded, underscores as spaces.</summary>
    public static string FromUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var marker = uri.IndexOf("/resource/", StringComparison.Ordinal);
        var segment = marker >= 0 ? uri[(marker + "/resource/".Length)..] : uri[(uri.TrimEnd('/').LastIndexOf('/') + 1)..];
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            decoded = segment;
        }

        return decoded.Replace('_', ' ').Trim();
    }

    /// <summary>The folded form of a name, for character n-grams.</summary>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (Transliterations.TryGetValue(lower, out var replacement))
            {
                builder.Append(replacement);
                space = false;
            }
            else if (char.IsLetterOrDigit(lower))
            {
                builder.Append(lower);
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>The folded name of a URI.</summary>
    public static string FoldedFromUri(string uri) => Fold(FromUri(uri));
}
