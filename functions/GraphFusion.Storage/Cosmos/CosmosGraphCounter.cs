using System.Text.Json;
using GraphFusion.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Counts the graph with aggregate queries.</summary>
public sealed class CosmosGraphCounter(CosmosGraphContainers containers)
{
    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken)
    {
        var documents = await SumAsync(containers.Documents, "SELECT VALUE COUNT(1) FROM c", cancellationToken).ConfigureAwait(false);
        var entities = await SumAsync(containers.Entities, "SELECT VALUE COUNT(1) FROM c", cancellationToken).ConfigureAwait(false);
        var aliases = await SumAsync(containers.Entities, "SELECT VALUE SUM(ARRAY_LENGTH(c.entity.aliases)) FROM c", cancellationToken).ConfigureAwait(false);
        var relations = await SumAsync(containers.Relations, "SELECT VALUE COUNT(1) FROM c", cancellationToken).ConfigureAwait(false);
        var evidence = await SumAsync(containers.Relations, "SELECT VALUE SUM(ARRAY_LENGTH(c.relation.evidence)) FROM c", cancellationToken).ConfigureAwait(false);
        return new GraphCounts(documents, entities, relations, aliases, evidence);
    }

    /// <summary>Adds up every value returned, so partial aggregates per partition also give the right total.</summary>
    private static async Task<int> SumAsync(JsonContainer container, string query, CancellationToken cancellationToken)
    {
        var total = 0L;
        await foreach (var value in container.QueryAsync<JsonElement>(new QueryDefinition(query), null, cancellationToken).ConfigureAwait(false))
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                total += value.GetInt64();
            }
        }

        return checked((int)total);
    }
}
