using GraphFusion.Core.Documents;
using GraphFusion.Core.Pipeline;

namespace GraphFusion.Storage.Files;

/// <summary>
/// Documents on the local file system; the reference is the file's full path. A file over the size limit is refused
/// by its length before it is read, and the read itself stops one byte past the limit (a file that grows, a pipe).
/// </summary>
public sealed class FileDocumentSource(DocumentLimits limits) : IDocumentSource
{
    public FileDocumentSource()
        : this(DocumentLimits.Default)
    {
    }

    public async Task<SourceDocument> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!File.Exists(reference))
        {
            throw new FileNotFoundException($"{reference} does not exist.", reference);
        }

        await using var stream = new FileStream(reference, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: true);
        long? length = stream.CanSeek ? stream.Length : null;
        if (length > limits.MaxBytes)
        {
            throw BoundedContentReader.TooLarge(reference, length.Value, limits.MaxBytes);
        }

        return new SourceDocument(reference, await BoundedContentReader.ReadAsync(stream, reference, limits.MaxBytes, length, cancellationToken));
    }

    public Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken) => Task.FromResult(File.Exists(reference));
}
