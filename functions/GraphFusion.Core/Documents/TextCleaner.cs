using System.Text;
using System.Text.RegularExpressions;

namespace GraphFusion.Core.Documents;

/// <summary>One text form for every format: NFC, no control characters, collapsed blank runs.</summary>
public static partial class TextCleaner
{
    public static string Normalize(string text)
    {
        text = text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n');
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) && c != '\n' && c != '\t' ? ' ' : c);
        }

        text = SpaceRun().Replace(builder.ToString(), " ");
        text = BlankLines().Replace(text, "\n\n");
        return text.Trim();
    }

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"\n\s*\n\s*(\n\s*)+")]
    private static partial Regex BlankLines();
}
