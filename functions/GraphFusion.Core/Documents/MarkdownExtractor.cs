using System.Text.RegularExpressions;

namespace GraphFusion.Core.Documents;

/// <summary>Markdown with its markup removed: headings, emphasis, links and images keep their text.</summary>
public sealed partial class MarkdownExtractor : ITextExtractor
{
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public (string Text, int Pages) Extract(string name, byte[] content, DocumentLimits limits)
    {
        var text = PlainTextExtractor.Decode(name, content);
        text = FencedCode().Replace(text, "\n");
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = Heading().Replace(text, "$1.");
        text = ListMarker().Replace(text, "");
        text = Emphasis().Replace(text, "");
        text = InlineCode().Replace(text, "$1");
        return (text, 0);
    }

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+\.)\s+", RegexOptions.Multiline)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`([^`]*)`")]
    private static partial Regex InlineCode();
}
