using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Typed point operations and queries over one container, through the SDK's stream APIs.</summary>
public sealed class JsonContainer(Container container)
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public Container Container => container;

    /// <summary>The item, or null when there is none.</summary>
    public async Task<T?> ReadAsync<T>(string id, PartitionKey partitionKey, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await container.ReadItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await CosmosJson.FromStreamAsync<T>(response.Content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or overwrites the item; returns its new ETag.</summary>
    public async Task<string> UpsertAsync<T>(T item, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        using var content = CosmosJson.ToStream(item);
        using var response = await container.UpsertItemStreamAsync(content, partitionKey, NoContent, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Creates the item; null when an item with its id already exists.</summary>
    public async Task<string?> CreateAsync<T>(T item, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        using var content = CosmosJson.ToStream(item);
        using var response = await container.CreateItemStreamAsync(content, partitionKey, NoContent, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Replaces the item if it still has <paramref name="ifMatch"/>; null when it does not or is gone.</summary>
    public async Task<string?> ReplaceAsync<T>(T item, string id, PartitionKey partitionKey, string ifMatch, CancellationToken cancellationToken)
    {
        using var content = CosmosJson.ToStream(item);
        var options = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var response = await container.ReplaceItemStreamAsync(content, id, partitionKey, options, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Deletes the item (only if it still has <paramref name="ifMatch"/>, when given); false when it was not deleted.</summary>
    public async Task<bool> DeleteAsync(string id, PartitionKey partitionKey, string? ifMatch, CancellationToken cancellationToken)
    {
        var options = ifMatch is null ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };
        using var response = await container.DeleteItemStreamAsync(id, partitionKey, options, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Runs the query, in one partition when <paramref name="partitionKey"/> is given, otherwise across all.</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(
        QueryDefinition query, PartitionKey? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions { PartitionKey = partitionKey };
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var element in page.RootElement.GetProperty("Documents").EnumerateArray())
            {
                yield return element.Deserialize<T>(CosmosJson.Options)
                    ?? throw new JsonException($"Expected a {typeof(T).Name}, read null.");
            }
        }
    }

    public async Task<List<T>> QueryListAsync<T>(QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        await foreach (var item in QueryAsync<T>(query, partitionKey, cancellationToken).ConfigureAwait(false))
        {
            results.Add(item);
        }

        return results;
    }
}
