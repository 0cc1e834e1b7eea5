namespace GraphFusion.Core.Documents;

/// <summary>Plain text of one document version, ready for chunking.</summary>
public sealed record DocumentText(string DocumentId, string Name, string ContentHash, string Format, string Text, int PageCount = 0);

/// <summary>Bounds that keep one hostile or broken document from hurting the others.</summary>
public sealed record DocumentLimits
{
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;
    public int MaxPages { get; init; } = 2_000;
    public long MaxDecompressedBytes { get; init; } = 200L * 1024 * 1024;
    public int MaxCompressionRatio { get; init; } = 100;
    public int MaxTextChars { get; init; } = 10_000_000;
    public int MaxHtmlDepth { get; init; } = 512;

    /// <summary>How long text extraction may take; checked between pages of a PDF.</summary>
    public TimeSpan MaxExtractionTime { get; init; } = TimeSpan.FromMinutes(1);

    public static DocumentLimits Default { get; } = new();
}

/// <summary>A document that cannot be processed; the message names the document and the problem.</summary>
public sealed class DocumentRejectedException(string documentName, string reason, Exception? inner = null)
    : Exception($"{documentName}: {reason}", inner)
{
    public string DocumentName { get; } = documentName;
    public string Reason { get; } = reason;
}
