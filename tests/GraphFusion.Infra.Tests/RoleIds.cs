namespace GraphFusion.Infra.Tests;

/// <summary>Built-in Azure role definition ids (Azure RBAC built-in roles reference).</summary>
internal static class RoleIds
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";
    public const string CognitiveServicesOpenAiUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
    public const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";

    /// <summary>Cosmos DB data-plane role "Cosmos DB Built-in Data Contributor".</summary>
    public const string CosmosBuiltInDataContributor = "00000000-0000-0000-0000-000000000002";
}
