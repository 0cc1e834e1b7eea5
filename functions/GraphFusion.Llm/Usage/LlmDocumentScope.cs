namespace GraphFusion.Llm.Usage;

/// <summary>
/// Names the document whose chunks are being extracted, for the per-document budget. Hosts wrap the extraction of a
/// document's batches in <c>using (LlmDocumentScope.Begin(documentId))</c>; without a scope each ExtractAsync call
/// counts as one document.
/// </summary>
public static class LlmDocumentScope
{
    private static readonly AsyncLocal<string?> CurrentDocument = new();

    public static string? Current => CurrentDocument.Value;

    public static IDisposable Begin(string documentId)
    {
        var previous = CurrentDocument.Value;
        CurrentDocument.Value = documentId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentDocument.Value = previous;
    }
}
