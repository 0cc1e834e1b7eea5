using System.Text;
using Azure;
using Azure.Storage.Blobs;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Seeds;
using GraphFusion.Workflows.Seeds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// A corpus <c>seeds/{name}/corpus.txt</c> (one document per line) starts <c>BuildSeeds</c>, which builds or updates
/// the seed model <c>{name}</c> in the graph store. The user's own concepts, one per line (optionally
/// <c>name&lt;TAB&gt;description</c>), are read from <c>seeds/{name}/concepts.txt</c> when it exists: upload it first.
/// </summary>
public sealed class OnSeedCorpusUploaded(BlobServiceClient blobs, ILogger<OnSeedCorpusUploaded> logger)
{
    public const string Container = "seeds";
    public const string CorpusFile = "corpus.txt";
    public const string ConceptsFile = "concepts.txt";

    [Function(nameof(OnSeedCorpusUploaded))]
    public async Task Run(
        [BlobTrigger(Container + "/{name}/" + CorpusFile, Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var concepts = await ReadConceptsAsync(blobs.GetBlobContainerClient(Container).GetBlobClient($"{name}/{ConceptsFile}"), cancellationToken);
        var (request, instanceId) = SeedBuildStarter.RequestFor(name, content, concepts);
        var started = await SeedBuildStarter.StartAsync(client, request, instanceId, cancellationToken);
        logger.LogInformation(
            "{Blob}: seed model {Name} over {Documents} documents and {Concepts} user concepts, {InstanceId} {What}",
            $"{Container}/{name}/{CorpusFile}", name, request.Documents.Count, request.UserConcepts.Count, instanceId, started ? "started" : "already exists");
    }

    private static async Task<byte[]?> ReadConceptsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

/// <summary>Starts a seed build unless one for the same corpus and concepts exists: re-delivered events and identical re-uploads are no-ops.</summary>
public static class SeedBuildStarter
{
    /// <summary>The request for an uploaded corpus (and concept list); its instance id changes with their content.</summary>
    public static (BuildSeedsRequest Request, string InstanceId) RequestFor(string name, byte[] corpus, byte[]? concepts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(corpus);
        var documents = SeedCorpusReader.Parse(Lines(corpus));
        if (documents.Count == 0)
        {
            throw new InvalidDataException($"{OnSeedCorpusUploaded.Container}/{name}/{OnSeedCorpusUploaded.CorpusFile}: no documents (expected one per line)");
        }

        var userConcepts = concepts is null ? [] : UserConceptReader.Parse(Lines(concepts));
        var hash = StableId.ContentHash([.. corpus, 0, .. concepts ?? []]);
        return (new BuildSeedsRequest(name, documents, userConcepts), $"{BuildSeedsOrchestration.InstanceId(name)}-{hash[..16]}");
    }

    public static Task<bool> StartAsync(DurableTaskClient client, BuildSeedsRequest request, string instanceId, CancellationToken cancellationToken) =>
        OrchestrationStarts.StartOnceAsync(client, SeedActivityNames.BuildSeeds, request, instanceId, cancellationToken);

    private static string[] Lines(byte[] content) => Encoding.UTF8.GetString(content).TrimStart('\uFEFF').Split('\n');
}
