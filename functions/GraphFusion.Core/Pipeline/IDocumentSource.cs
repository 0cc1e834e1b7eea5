namespace GraphFusion.Core.Pipeline;

/// <summary>The bytes of a document and the name it goes by.</summary>
public sealed record SourceDocument(string Name, byte[] Content);

/// <summary>Where documents come from: local files, or a blob container.</summary>
public interface IDocumentSource
{
    /// <summary>Reads the document; throws <see cref="FileNotFoundException"/> when it no longer exists.</summary>
    Task<SourceDocument> ReadAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Whether the document still exists; documents that no longer do are retracted by the re-fusion pass.</summary>
    Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken);
}
