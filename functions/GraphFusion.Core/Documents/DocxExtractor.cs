using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace GraphFusion.Core.Documents;

/// <summary>Paragraph text of a Word document; the archive is checked against decompression bombs first.</summary>
public sealed class DocxExtractor : ITextExtractor
{
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public (string Text, int Pages) Extract(string name, byte[] content, DocumentLimits limits)
    {
        CheckArchive(name, content, limits);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var word = WordprocessingDocument.Open(stream, false);
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRejectedException(name, "is a Word document without a body");
            var builder = new StringBuilder();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                // A blank line per paragraph: a heading never runs into the sentence after it.
                builder.Append(paragraph.InnerText).Append("\n\n");
            }

            return (builder.ToString(), 0);
        }
        catch (Exception ex) when (ex is not DocumentRejectedException)
        {
            throw new DocumentRejectedException(name, $"is a corrupt or unreadable Word document ({ex.Message})", ex);
        }
    }

    private static void CheckArchive(string name, byte[] content, DocumentLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio && entry.Length > 1024 * 1024)
                {
                    throw new DocumentRejectedException(name, $"looks like a decompression bomb ({entry.FullName} expands {entry.Length / entry.CompressedLength}x)");
                }
            }

            if (total > limits.MaxDecompressedBytes)
            {
                throw new DocumentRejectedException(name, $"expands to {total} bytes, more than the limit of {limits.MaxDecompressedBytes}");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentRejectedException(name, "is not a valid Word document (not a zip archive)", ex);
        }
    }
}
