using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Documents;

/// <summary>Chooses the extractor by file extension and enforces the limits every format shares.</summary>
public sealed class DocumentReader(IEnumerable<ITextExtractor> extractors, DocumentLimits limits)
{
    private readonly Dictionary<string, ITextExtractor> byExtension = extractors
        .SelectMany(e => e.Extensions.Select(x => (x, e)))
        .ToDictionary(p => p.x, p => p.e, StringComparer.OrdinalIgnoreCase);

    public static DocumentReader Default { get; } = new(
        [new PlainTextExtractor(), new MarkdownExtractor(), new HtmlExtractor(), new PdfExtractor(), new DocxExtractor()],
        DocumentLimits.Default);

    public IReadOnlyCollection<string> SupportedExtensions => byExtension.Keys;

    public bool Supports(string name) => byExtension.ContainsKey(Path.GetExtension(name));

    public DocumentText Read(string documentId, string name, byte[] content)
    {
        if (content.LongLength > limits.MaxBytes)
        {
            throw new DocumentRejectedException(name, $"is {content.LongLength} bytes, more than the limit of {limits.MaxBytes}");
        }

        if (content.Length == 0)
        {
            throw new DocumentRejectedException(name, "is empty");
        }

        var extension = Path.GetExtension(name);
        if (!byExtension.TryGetValue(extension, out var extractor))
        {
            throw new DocumentRejectedException(name, $"has an unsupported format '{extension}' (supported: {string.Join(", ", byExtension.Keys.Order())})");
        }

        var (text, pages) = extractor.Extract(name, content, limits);
        text = TextCleaner.Normalize(text);
        if (text.Length > limits.MaxTextChars)
        {
            throw new DocumentRejectedException(name, $"yields {text.Length} characters of text, more than the limit of {limits.MaxTextChars}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DocumentRejectedException(name, "contains no text");
        }

        return new DocumentText(documentId, name, StableId.ContentHash(content), extension.TrimStart('.').ToLowerInvariant(), text, pages);
    }
}
