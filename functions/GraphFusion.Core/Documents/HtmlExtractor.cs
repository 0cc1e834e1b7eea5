using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GraphFusion.Core.Documents;

/// <summary>Visible text of an HTML page, block elements on their own lines; scripts and styles dropped.</summary>
public sealed class HtmlExtractor : ITextExtractor
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head", "svg" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
        "header", "footer", "blockquote", "pre", "dd", "dt", "title",
    };

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public (string Text, int Pages) Extract(string name, byte[] content, DocumentLimits limits)
    {
        var html = PlainTextExtractor.Decode(name, content);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var document = parser.ParseDocument(html);
        var builder = new StringBuilder();

        // An explicit stack: deeply nested markup must not overflow the call stack.
        var stack = new Stack<(INode Node, int Depth, bool Exit)>();
        stack.Push((document.Body ?? (INode)document.DocumentElement, 0, false));
        while (stack.Count > 0)
        {
            var (node, depth, exit) = stack.Pop();
            if (exit)
            {
                builder.Append("\n\n");
                continue;
            }

            if (node is IText textNode)
            {
                builder.Append(textNode.Data);
                continue;
            }

            if (node is not IElement element || Skipped.Contains(element.LocalName) || depth > limits.MaxHtmlDepth)
            {
                if (node is IDocument or IDocumentFragment)
                {
                    PushChildren(stack, node, depth);
                }

                continue;
            }

            var block = Blocks.Contains(element.LocalName);
            if (block)
            {
                builder.Append("\n\n");
                stack.Push((node, depth, true));
            }

            PushChildren(stack, node, depth);
        }

        if (document.Title is { Length: > 0 } title && !builder.ToString().Contains(title, StringComparison.Ordinal))
        {
            builder.Insert(0, title + ".\n");
        }

        return (builder.ToString(), 0);
    }

    private static void PushChildren(Stack<(INode, int, bool)> stack, INode node, int depth)
    {
        for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
        {
            stack.Push((node.ChildNodes[i], depth + 1, false));
        }
    }
}
