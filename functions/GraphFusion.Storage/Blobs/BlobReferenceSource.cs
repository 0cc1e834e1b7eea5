using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GraphFusion.Core.References;

namespace GraphFusion.Storage.Blobs;

/// <summary>
/// References in Blob Storage: <c>container/name.csv</c> is one blob, <c>container/folder/</c> the blobs directly under the
/// folder. A reference larger than <paramref name="maxBytes"/> in all is refused before download.
/// </summary>
public sealed class BlobReferenceSource(BlobServiceClient service, long maxBytes = BlobReferenceSource.DefaultMaxBytes) : IReferenceSource
{
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    public async Task<IReadOnlyList<ReferenceFile>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var (container, name) = BlobDocumentSource.Split(reference);
        var client = service.GetBlobContainerClient(container);
        var blobs = new List<(string Name, long Length)>();
        if (ReferenceNames.IsFolder(reference))
        {
            await foreach (var item in client.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", name, cancellationToken))
            {
                if (item.IsBlob)
                {
                    blobs.Add((item.Blob.Name, item.Blob.Properties.ContentLength ?? 0));
                }
            }
        }
        else
        {
            blobs.Add((name, 0));
        }

        if (blobs.Sum(b => b.Length) > maxBytes)
        {
            throw new InvalidDataException($"{reference} is {blobs.Sum(b => b.Length)} bytes, more than the limit of {maxBytes}");
        }

        var files = new List<ReferenceFile>();
        foreach (var (blobName, _) in blobs.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            if (BlobDocumentSource.HasDotSegment(blobName))
            {
                continue;
            }

            try
            {
                var content = await client.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                if (!ReferenceNames.IsFolder(reference) && content.Value.Details.ContentLength > maxBytes)
                {
                    throw new InvalidDataException($"{reference} is {content.Value.Details.ContentLength} bytes, more than the limit of {maxBytes}");
                }

                files.Add(new ReferenceFile(blobName[(blobName.LastIndexOf('/') + 1)..], content.Value.Content.ToArray(), content.Value.Details.LastModified));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted since it was listed: the reference is read without it.
            }
        }

        return files;
    }

    /// <remarks>A local path (indexed by the CLI into a shared store) is not for this source to remove.</remarks>
    public async Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken)
    {
        if (reference.StartsWith('/') || Path.IsPathFullyQualified(reference))
        {
            return true;
        }

        var (container, name) = BlobDocumentSource.Split(reference);
        var client = service.GetBlobContainerClient(container);
        if (!ReferenceNames.IsFolder(reference))
        {
            return await client.GetBlobClient(name).ExistsAsync(cancellationToken);
        }

        await foreach (var item in client.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", name, cancellationToken))
        {
            if (item.IsBlob)
            {
                return true;
            }
        }

        return false;
    }
}
