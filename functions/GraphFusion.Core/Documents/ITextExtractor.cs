namespace GraphFusion.Core.Documents;

/// <summary>Turns the bytes of one document format into plain text.</summary>
public interface ITextExtractor
{
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Returns the text and the page count (0 when the format has no pages).</summary>
    (string Text, int Pages) Extract(string name, byte[] content, DocumentLimits limits);
}
