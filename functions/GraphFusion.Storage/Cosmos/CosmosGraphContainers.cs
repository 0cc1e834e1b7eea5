using System.Net;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>The store's containers and their partition keys (the infrastructure provisions exactly these).</summary>
public sealed record CosmosGraphContainers(
    JsonContainer Documents,
    JsonContainer Claims,
    JsonContainer Entities,
    JsonContainer Relations,
    JsonContainer State)
{
    public static readonly IReadOnlyList<(string Name, string PartitionKeyPath)> Layout =
    [
        ("documents", "/id"),
        ("claims", "/key"),
        ("entities", "/id"),
        ("relations", "/headId"),
        ("state", "/id"),
    ];

    public static async Task<CosmosGraphContainers> OpenAsync(CosmosClient client, string databaseName, bool createIfMissing, CancellationToken cancellationToken)
    {
        var database = client.GetDatabase(databaseName);
        if (createIfMissing)
        {
            try
            {
                database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
                foreach (var (name, path) in Layout)
                {
                    await database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, path), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
            {
                // Data-plane roles cannot create resources; the infrastructure has provisioned them.
            }
        }

        JsonContainer Open(string name) => new(database.GetContainer(name));
        return new CosmosGraphContainers(Open("documents"), Open("claims"), Open("entities"), Open("relations"), Open("state"));
    }
}
