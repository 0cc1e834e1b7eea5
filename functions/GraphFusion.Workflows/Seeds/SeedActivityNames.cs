namespace GraphFusion.Workflows.Seeds;

/// <summary>Names of the seed orchestration and its activities; the Functions app's function names must match them.</summary>
public static class SeedActivityNames
{
    public const string BuildSeeds = nameof(BuildSeeds);
    public const string PlanSeedModel = nameof(PlanSeedModel);
    public const string EmbedSeedDocuments = nameof(EmbedSeedDocuments);
    public const string BuildSeedModel = nameof(BuildSeedModel);
}
