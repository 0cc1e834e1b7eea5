using Microsoft.DurableTask;

namespace GraphFusion.Workflows.Seeds;

/// <summary>Registers the seed orchestration and its activities with a Durable Task worker outside the Functions host.</summary>
public static class SeedRegistration
{
    public static DurableTaskRegistry AddGraphFusionSeeds(this DurableTaskRegistry registry, Func<SeedActivities> activities)
    {
        registry.AddOrchestratorFunc<BuildSeedsRequest, SeedModelSummary>(SeedActivityNames.BuildSeeds, BuildSeedsOrchestration.RunAsync);
        registry.AddActivityFunc<PlanSeedModelInput, SeedModelPlan>(SeedActivityNames.PlanSeedModel, (_, input) => activities().PlanSeedModelAsync(input));
        registry.AddActivityFunc<string[], float[][]>(SeedActivityNames.EmbedSeedDocuments, (_, input) => activities().EmbedSeedDocumentsAsync(input));
        registry.AddActivityFunc<BuildSeedModelInput, SeedModelSummary>(SeedActivityNames.BuildSeedModel, (_, input) => activities().BuildSeedModelAsync(input));
        return registry;
    }
}
