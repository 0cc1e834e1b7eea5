using GraphFusion.Workflows.Seeds;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Activities;

/// <summary>The seed activity functions: bindings only; the bodies are the shared <see cref="SeedActivities"/>.</summary>
public sealed class SeedActivityFunctions(SeedActivities activities)
{
    [Function(SeedActivityNames.PlanSeedModel)]
    public Task<SeedModelPlan> PlanSeedModel([ActivityTrigger] PlanSeedModelInput input) => activities.PlanSeedModelAsync(input);

    [Function(SeedActivityNames.EmbedSeedDocuments)]
    public Task<float[][]> EmbedSeedDocuments([ActivityTrigger] string[] documents) => activities.EmbedSeedDocumentsAsync(documents);

    [Function(SeedActivityNames.BuildSeedModel)]
    public Task<SeedModelSummary> BuildSeedModel([ActivityTrigger] BuildSeedModelInput input) => activities.BuildSeedModelAsync(input);
}
