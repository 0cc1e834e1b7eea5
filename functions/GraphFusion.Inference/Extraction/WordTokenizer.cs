using System.Text.RegularExpressions;

namespace GraphFusion.Inference.Extraction;

/// <summary>A word of a text as a character range.</summary>
internal readonly record struct WordSpan(int Start, int End);

/// <summary>
/// Splits text into words roughly as SciERC (Penn Treebank style) does: letters and digits with inner
/// hyphens, apostrophes, periods and slashes stay one word ("state-of-the-art", "0.889"); every other
/// non-space character is a word of its own.
/// </summary>
internal static partial class WordTokenizer
{
    internal static List<WordSpan> Split(string text, int start, int end)
    {
        var words = new List<WordSpan>();
        foreach (Match match in Word().Matches(text[start..end]))
        {
            words.Add(new WordSpan(start + match.Index, start + match.Index + match.Length));
        }

        return words;
    }

    /// <summary>The text the encoder reads for a treebank token (bracket and quote escapes undone).</summary>
    internal static string Unescape(string token) => token switch
    {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "``" or "''" => "\"",
        _ => token,
    };

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-./][\p{L}\p{N}]+)*|\S")]
    private static partial Regex Word();
}
