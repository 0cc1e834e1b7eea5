using Azure.Identity;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos;

namespace GraphFusion.Cli;

/// <summary>
/// Opens the Cosmos DB store for <c>--store cosmos:ENDPOINT</c>. The key comes from <c>GRAPHFUSION_COSMOS_KEY</c>
/// (local servers); without it, Entra ID (DefaultAzureCredential). <c>GRAPHFUSION_COSMOS_DATABASE</c> names the database.
/// </summary>
internal static class CosmosStoreLocation
{
    public const string KeyVariable = "GRAPHFUSION_COSMOS_KEY";
    public const string DatabaseVariable = "GRAPHFUSION_COSMOS_DATABASE";

    public static async Task<IGraphStore> OpenAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"--store cosmos:{endpoint}: '{endpoint}' is not an absolute URL");
        }

        if (uri.IsLoopback)
        {
            // The SDK otherwise probes the cloud metadata endpoint when a client is created.
            Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
        }

        var key = Environment.GetEnvironmentVariable(KeyVariable);
        var options = new CosmosGraphStoreOptions
        {
            Endpoint = uri,
            Database = Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } database ? database : "graphfusion",
            Key = string.IsNullOrEmpty(key) ? null : key,
            Credential = string.IsNullOrEmpty(key) ? new DefaultAzureCredential() : null,
            UseGateway = uri.IsLoopback,
        };
        return await CosmosGraphStore.CreateAsync(CosmosClientFactory.Create(options), options, cancellationToken);
    }
}
