using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GraphFusion.Core.Alignment.Jobs;

namespace GraphFusion.Storage.Blobs;

/// <summary>
/// Alignment results in the <c>alignment-results</c> container: job <c>alignments/fr-en.json</c> writes
/// <c>alignment-results/fr-en/pairs.tsv</c> and <c>report.json</c> (outside the job container, so writing them starts nothing).
/// </summary>
public sealed class BlobAlignmentOutput(BlobServiceClient service) : IAlignmentOutput
{
    public const string ContainerName = "alignment-results";

    private readonly Lazy<Task<BlobContainerClient>> container = new(async () =>
    {
        var client = service.GetBlobContainerClient(ContainerName);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public string Locate(string job, string file) => $"{ContainerName}/{Folder(job)}/{file}";

    public async Task WriteAsync(string job, string file, byte[] content, CancellationToken cancellationToken)
    {
        var blob = (await container.Value).GetBlobClient($"{Folder(job)}/{file}");
        var type = file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/tab-separated-values";
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type } }, cancellationToken);
    }

    // The job's name within its container, without the .json extension.
    private static string Folder(string job)
    {
        var (_, name) = BlobDocumentSource.Split(job);
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
    }
}
