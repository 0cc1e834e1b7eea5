using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Makes a <see cref="CosmosClient"/> from <see cref="CosmosGraphStoreOptions"/>.</summary>
public static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosGraphStoreOptions options)
    {
        var endpoint = options.Endpoint?.ToString() ?? throw new ArgumentException("Endpoint is required.", nameof(options));
        var clientOptions = ClientOptions(options);
        if (options.Key is { Length: > 0 } key)
        {
            return new CosmosClient(endpoint, key, clientOptions);
        }

        if (options.Credential is { } credential)
        {
            return new CosmosClient(endpoint, credential, clientOptions);
        }

        throw new ArgumentException("Either Key or Credential is required.", nameof(options));
    }

    public static CosmosClientOptions ClientOptions(CosmosGraphStoreOptions options) => new()
    {
        ApplicationName = "GraphFusion",
        ConnectionMode = options.UseGateway ? ConnectionMode.Gateway : ConnectionMode.Direct,

        // A local server has no regional endpoints to discover.
        LimitToEndpoint = options.Endpoint?.IsLoopback == true,
        AllowBulkExecution = options.AllowBulk,
        MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnRateLimitedRequests,
        MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitTimeOnRateLimitedRequests,
        UseSystemTextJsonSerializerWithOptions = CosmosJson.Options,
    };
}
