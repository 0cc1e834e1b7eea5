using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;

namespace GraphFusion.Llm.Caching;

/// <summary>One blob per answer (<c>{prefix}{key}.json</c>) in a container, created on first write; the cache for runs in Azure.</summary>
public sealed class BlobLlmResponseCache(BlobContainerClient container, string prefix = "llm-cache/") : ILlmResponseCache
{
    public async Task<CachedAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(NameOf(key)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<CachedAnswer>();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task SetAsync(string key, CachedAnswer answer, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(NameOf(key));
        var content = BinaryData.FromObjectAsJson(answer);
        try
        {
            await blob.UploadAsync(content, overwrite: true, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == "ContainerNotFound")
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await blob.UploadAsync(content, overwrite: true, cancellationToken);
        }
    }

    private string NameOf(string key) =>
        key.Length >= 8 && key.All(char.IsAsciiHexDigitLower) ? $"{prefix}{key}.json" : throw new ArgumentException("A cache key is lower-case hex.", nameof(key));
}
