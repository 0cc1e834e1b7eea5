using System.Text;

namespace GraphFusion.Core.Documents;

/// <summary>UTF-8 (or UTF-16 with a byte-order mark) text; binary data is rejected, a few bad bytes are replaced.</summary>
public sealed class PlainTextExtractor : ITextExtractor
{
    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text", ".csv", ".tsv", ".log"];

    public (string Text, int Pages) Extract(string name, byte[] content, DocumentLimits limits) => (Decode(name, content), 0);

    internal static string Decode(string name, byte[] content)
    {
        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF)))
        {
            return new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true).ReadToEnd();
        }

        var nulls = 0;
        foreach (var b in content.AsSpan(0, Math.Min(content.Length, 64 * 1024)))
        {
            if (b == 0)
            {
                nulls++;
            }
        }

        if (nulls > 0)
        {
            throw new DocumentRejectedException(name, "looks like binary data, not text (it contains NUL bytes)");
        }

        var text = Encoding.UTF8.GetString(content);
        var replaced = text.Count(c => c == '\uFFFD');
        if (replaced > 0 && replaced > text.Length / 100)
        {
            throw new DocumentRejectedException(name, $"is not valid UTF-8 text ({replaced} invalid byte sequences)");
        }

        return text.TrimStart('\uFEFF');
    }
}
