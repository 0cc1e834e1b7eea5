using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Blobs;

/// <summary>
/// Model files as block blobs in one container (<c>models</c>): streamed up in blocks, hashed on the way, and
/// marked with their SHA-256 in the blob metadata only after the hash matched, so a blob carrying the mark is complete.
/// </summary>
public sealed class BlobModelFileStore(BlobContainerClient container, int blockBytes = BlobModelFileStore.DefaultBlockBytes) : IModelFileStore
{
    /// <summary>The container merged models go to.</summary>
    public const string ContainerName = "models";

    /// <summary>Block size: memory per upload is this times the (small) upload concurrency.</summary>
    public const int DefaultBlockBytes = 8 << 20;

    internal const string Sha256Metadata = "sha256";

    private readonly Lazy<Task> created = new(() => container.CreateIfNotExistsAsync());

    public async Task<StoredModelFile> StoreAsync(
        string name, long sizeBytes, string sha256, Func<CancellationToken, Task<Stream>> openSource, CancellationToken cancellationToken)
    {
        await created.Value;
        var blob = container.GetBlobClient(name);
        if (await IsStoredAsync(blob, sizeBytes, sha256, cancellationToken))
        {
            return new StoredModelFile(name, blob.Uri.ToString(), sizeBytes, sha256, Uploaded: false);
        }

        string actualHash;
        long actualLength;
        await using (var source = new HashingReadStream(await openSource(cancellationToken)))
        {
            await blob.UploadAsync(source, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                TransferOptions = new StorageTransferOptions
                {
                    InitialTransferSize = blockBytes,
                    MaximumTransferSize = blockBytes,
                    MaximumConcurrency = 2,
                },
            }, cancellationToken);
            actualHash = source.Sha256();
            actualLength = source.BytesRead;
        }

        if (actualLength != sizeBytes || !string.Equals(actualHash, sha256, StringComparison.OrdinalIgnoreCase))
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw new InvalidDataException(
                $"{name}: received {actualLength} bytes with SHA-256 {actualHash}, expected {sizeBytes} bytes with SHA-256 {sha256}; nothing was kept");
        }

        await blob.SetMetadataAsync(new Dictionary<string, string> { [Sha256Metadata] = actualHash }, cancellationToken: cancellationToken);
        return new StoredModelFile(name, blob.Uri.ToString(), sizeBytes, actualHash, Uploaded: true);
    }

    private static async Task<bool> IsStoredAsync(BlobClient blob, long sizeBytes, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return properties.ContentLength == sizeBytes
                && properties.Metadata.TryGetValue(Sha256Metadata, out var stored)
                && string.Equals(stored, sha256, StringComparison.OrdinalIgnoreCase);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
