using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace GraphFusion.Core.Documents;

/// <summary>
/// Text of a PDF in reading order, page by page, within the limits: compressed streams are inflated into a counter
/// first (decompressed bytes, bomb ratio), then pages, text length and extraction time are checked as pages are read.
/// </summary>
public sealed class PdfExtractor : ITextExtractor
{
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public (string Text, int Pages) Extract(string name, byte[] content, DocumentLimits limits)
    {
        if (content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) < 0)
        {
            throw new DocumentRejectedException(name, "is not a PDF (no %PDF- header)");
        }

        PdfStreamInflation.Check(name, content, limits);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true });
            if (pdf.NumberOfPages > limits.MaxPages)
            {
                throw new DocumentRejectedException(name, $"has {pdf.NumberOfPages} pages, more than the limit of {limits.MaxPages}");
            }

            var builder = new StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                builder.AppendLine(ContentOrderTextExtractor.GetText(page));
                if (builder.Length > limits.MaxTextChars)
                {
                    throw new DocumentRejectedException(name, $"yields more than {limits.MaxTextChars} characters of text");
                }

                if (Stopwatch.GetElapsedTime(started) > limits.MaxExtractionTime)
                {
                    throw new DocumentRejectedException(name, $"took longer than the limit of {limits.MaxExtractionTime.TotalSeconds:F0} s to extract (stopped after page {page.Number})");
                }
            }

            return (builder.ToString(), pdf.NumberOfPages);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentRejectedException(name, "is an encrypted PDF; upload an unencrypted copy", ex);
        }
        catch (Exception ex) when (ex is not DocumentRejectedException)
        {
            throw new DocumentRejectedException(name, $"is a corrupt or unreadable PDF ({ex.Message})", ex);
        }
    }
}
