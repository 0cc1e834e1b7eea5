using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Reads the items of one type on a set of keys of a container partitioned by /key.</summary>
internal static class KeyQuery
{
    public static Task<List<T>> RunAsync<T>(JsonContainer container, string type, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 1)
        {
            var single = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND c.key = @key")
                .WithParameter("@type", type)
                .WithParameter("@key", keys[0]);
            return container.QueryListAsync<T>(single, new PartitionKey(keys[0]), cancellationToken);
        }

        var many = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND ARRAY_CONTAINS(@keys, c.key)")
            .WithParameter("@type", type)
            .WithParameter("@keys", keys);
        return container.QueryListAsync<T>(many, null, cancellationToken);
    }
}
