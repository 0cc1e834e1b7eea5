using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows.Seeds;

/// <summary>
/// The corpus-level seed step: plans against the stored model, embeds the documents it lacks in batches (fan-out),
/// then clusters and ranks in one activity (fan-in), which saves the model and its seeds in the graph store.
/// </summary>
public static class BuildSeedsOrchestration
{
    public const int DocumentsPerBatch = 32;

    public static string InstanceId(string name) => $"seeds-{name}";

    public static async Task<SeedModelSummary> RunAsync(TaskOrchestrationContext context, BuildSeedsRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options ?? new Core.Seeds.SeedModelOptions();
        var hashes = request.Documents.Select(DocumentHash).ToArray();
        var plan = await context.CallActivityAsync<SeedModelPlan>(
            SeedActivityNames.PlanSeedModel, new PlanSeedModelInput(request.Name, hashes, options, request.MaxIncrementalShare), PipelineRetry.Default);
        var newDocuments = request.Documents.Skip(plan.Rebuild ? 0 : plan.Known).ToArray();
        context.SetCustomStatus(new { plan.Rebuild, toEmbed = newDocuments.Length });
        var batches = await Task.WhenAll(newDocuments.Chunk(DocumentsPerBatch).Select(batch =>
            context.CallActivityAsync<float[][]>(SeedActivityNames.EmbedSeedDocuments, batch, PipelineRetry.Default)));
        return await context.CallActivityAsync<SeedModelSummary>(
            SeedActivityNames.BuildSeedModel,
            new BuildSeedModelInput(request.Name, plan, newDocuments, [.. batches.SelectMany(b => b)], hashes, request.UserConcepts, request.Top, options),
            PipelineRetry.Default);
    }

    /// <summary>The content hash that tells a document already in the model from a new one.</summary>
    public static string DocumentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
