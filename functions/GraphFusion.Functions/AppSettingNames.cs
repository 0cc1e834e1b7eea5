namespace GraphFusion.Functions;

/// <summary>
/// Every app setting the Functions app reads. The infrastructure tests compare this list with the
/// settings that <c>infra/main.bicep</c> assigns, so a renamed setting cannot silently drift.
/// </summary>
public static class AppSettingNames
{
    /// <summary>Host storage (Durable Functions task hub, blob trigger); identity form in Azure.</summary>
    public const string HostStorageAccountName = "AzureWebJobsStorage__accountName";

    /// <summary>Which graph store the app uses: <c>cosmos</c> in Azure, <c>sqlite</c> for local experiments.</summary>
    public const string GraphStoreProvider = "GraphStore__Provider";

    /// <summary>Cosmos DB account endpoint (identity-based access, no keys).</summary>
    public const string CosmosEndpoint = "GraphStore__Cosmos__Endpoint";

    /// <summary>Cosmos DB database name.</summary>
    public const string CosmosDatabase = "GraphStore__Cosmos__Database";

    /// <summary>Use the SDK's bulk mode (on in Azure; the local Cosmos-compatible server lacks it).</summary>
    public const string CosmosAllowBulk = "GraphStore__Cosmos__AllowBulk";

    /// <summary>NCRONTAB schedule of the re-fusion timer.</summary>
    public const string RefuseSchedule = "RefuseSchedule";

    /// <summary>Whether the re-fusion pass proposes relations with the learned link predictor (<c>true</c> unless set to <c>false</c>).</summary>
    public const string LinkPredictionEnabled = "LinkPrediction__Enabled";

    /// <summary>Precision the link predictor's threshold must reach on held-out relations (default 0.9).</summary>
    public const string LinkPredictionTargetPrecision = "LinkPrediction__TargetPrecision";

    /// <summary>Base URL of the GPU worker; empty runs inference in-process.</summary>
    public const string GpuWorkerUrl = "GpuWorker__Url";

    /// <summary>Entra ID application ID URI the GPU worker accepts tokens for.</summary>
    public const string GpuWorkerAudience = "GpuWorker__Audience";

    /// <summary>Chat model provider: <c>azure-openai</c> or <c>openai-compatible</c>; empty uses the offline extractor.</summary>
    public const string LlmProvider = "Llm__Provider";

    /// <summary>Chat model endpoint.</summary>
    public const string LlmEndpoint = "Llm__Endpoint";

    /// <summary>Chat model name (the deployment name for Azure OpenAI).</summary>
    public const string LlmModel = "Llm__Model";

    /// <summary>Event Grid custom topic endpoint for outgoing events (identity-based publishing).</summary>
    public const string EventGridTopicEndpoint = "Events__EventGridTopicEndpoint";

    /// <summary>Application Insights connection string (no secret: an ingestion key only).</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Client id of the user-assigned identity used for every identity-based connection.</summary>
    public const string ManagedIdentityClientId = "AZURE_CLIENT_ID";
}
