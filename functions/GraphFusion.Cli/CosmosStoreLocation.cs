using GraphFusion.Core.Storage;

namespace GraphFusion.Cli;

/// <summary>Opens the Cosmos DB store for <c>--store cosmos:ENDPOINT</c>.</summary>
internal static class CosmosStoreLocation
{
    public static Task<IGraphStore> OpenAsync(string endpoint, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"cosmos:{endpoint}: the Cosmos DB store is not available in this build.");
}
