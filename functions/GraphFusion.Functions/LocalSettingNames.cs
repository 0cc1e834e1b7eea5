namespace GraphFusion.Functions;

/// <summary>Settings for running the app locally (Azurite + Core Tools); Azure deployments never set them.</summary>
public static class LocalSettingNames
{
    /// <summary>SQLite file of the embedded store when <see cref="AppSettingNames.GraphStoreProvider"/> is <c>sqlite</c>.</summary>
    public const string SqlitePath = "GraphStore__Sqlite__Path";

    /// <summary>Storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>); Azure uses the identity form instead.</summary>
    public const string HostStorageConnectionString = "AzureWebJobsStorage";

    /// <summary>Cosmos DB account key, for the local Cosmos-compatible server only.</summary>
    public const string CosmosKey = "GraphStore__Cosmos__Key";

    /// <summary>API key of a local GPU worker (<c>Auth__ApiKey</c> there); Azure authenticates with the app's identity for <see cref="AppSettingNames.GpuWorkerAudience"/>.</summary>
    public const string GpuWorkerApiKey = "GpuWorker__ApiKey";
}
