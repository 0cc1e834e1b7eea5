using GraphFusion.Core.Pipeline;

namespace GraphFusion.Storage.Files;

/// <summary>Documents on the local file system; the reference is the file's full path.</summary>
public sealed class FileDocumentSource : IDocumentSource
{
    public async Task<SourceDocument> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!File.Exists(reference))
        {
            throw new FileNotFoundException($"{reference} does not exist.", reference);
        }

        return new SourceDocument(reference, await File.ReadAllBytesAsync(reference, cancellationToken));
    }

    public Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken) => Task.FromResult(File.Exists(reference));
}
