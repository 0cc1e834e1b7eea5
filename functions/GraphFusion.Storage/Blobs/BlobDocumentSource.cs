using Azure;
using Azure.Storage.Blobs;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Pipeline;

namespace GraphFusion.Storage.Blobs;

/// <summary>Documents in Blob Storage; the reference is <c>container/blob-name</c>. Oversized blobs are refused before download, and the download stops one byte past the limit.</summary>
public sealed class BlobDocumentSource(BlobServiceClient service, DocumentLimits limits) : IDocumentSource
{
    public async Task<SourceDocument> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var (container, name) = Split(reference);
        if (HasDotSegment(name))
        {
            // The request URL would be normalised to another blob (or container): refuse rather than read something else.
            throw new DocumentRejectedException(reference, "has '.' or '..' path segments in its blob name; rename the blob");
        }

        var blob = service.GetBlobContainerClient(container).GetBlobClient(name);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            var length = properties.Value.ContentLength;
            if (length > limits.MaxBytes)
            {
                throw BoundedContentReader.TooLarge(reference, length, limits.MaxBytes);
            }

            // Bounded again while reading: the blob may have been overwritten with something larger since.
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            return new SourceDocument(reference, await BoundedContentReader.ReadAsync(content, reference, limits.MaxBytes, length, cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new FileNotFoundException($"{reference} does not exist.", reference, ex);
        }
    }

    public async Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken)
    {
        var (container, name) = Split(reference);
        return await service.GetBlobContainerClient(container).GetBlobClient(name).ExistsAsync(cancellationToken);
    }

    public static bool HasDotSegment(string name) => name.Replace('\\', '/').Split('/').Any(segment => segment is "." or "..");

    public static (string Container, string Name) Split(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == reference.Length - 1)
        {
            throw new ArgumentException($"'{reference}' is not a blob reference of the form container/name.", nameof(reference));
        }

        return (reference[..slash], reference[(slash + 1)..]);
    }
}
