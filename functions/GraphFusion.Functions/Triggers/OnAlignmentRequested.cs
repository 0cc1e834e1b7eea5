using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows.Alignment;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// A job file <c>alignments/{name}.json</c> starts <c>AlignGraphs</c>, which aligns the graphs it names and writes
/// <c>alignment-results/{name}/pairs.tsv</c> and <c>report.json</c> (see docs/alignment.md). Graph and seed files uploaded
/// beside the job start nothing: upload them first, the job last.
/// </summary>
public sealed class OnAlignmentRequested(ILogger<OnAlignmentRequested> logger)
{
    public const string Container = "alignments";

    [Function(nameof(OnAlignmentRequested))]
    public async Task Run(
        [BlobTrigger(Container + "/{name}.json", Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var request = AlignmentStarter.RequestFor($"{Container}/{name}.json", content);
        var (instanceId, started) = await AlignmentStarter.StartAsync(client, request, cancellationToken);
        logger.LogInformation("{Blob}: alignment {InstanceId} {What}", request.Job, instanceId, started ? "started" : "already exists");
    }
}

/// <summary>Starts an alignment unless one for the same job content exists: re-delivered events and identical re-uploads are no-ops.</summary>
public static class AlignmentStarter
{
    public static AlignGraphsRequest RequestFor(string job, byte[] content) => new(job, StableId.ContentHash(content));

    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, AlignGraphsRequest request, CancellationToken cancellationToken)
    {
        var instanceId = AlignGraphsOrchestration.InstanceId(request);
        return (instanceId, await OrchestrationStarts.StartOnceAsync(client, AlignmentActivityNames.AlignGraphs, request, instanceId, cancellationToken));
    }
}
