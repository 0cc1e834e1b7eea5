using GraphFusion.Workflows.Merging;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// A merge recipe uploaded to <c>merges/</c> starts <c>MergeModels</c>. Model paths in the recipe are relative to
/// the worker's models root (in Azure, the <c>models/</c> share mounted into the worker, where outputs land too).
/// </summary>
public sealed class OnRecipeUploaded(ILogger<OnRecipeUploaded> logger)
{
    public const string Container = "merges";

    [Function(nameof(OnRecipeUploaded))]
    public async Task Run(
        [BlobTrigger(Container + "/{name}", Connection = "AzureWebJobsStorage")] byte[] content,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (instanceId, started) = await MergeStarter.StartAsync(client, MergeModelsOrchestration.ForRecipe($"{Container}/{name}", content), cancellationToken);
        logger.LogInformation("{Blob}: merge {InstanceId} {What}", $"{Container}/{name}", instanceId, started ? "started" : "already exists");
    }
}
