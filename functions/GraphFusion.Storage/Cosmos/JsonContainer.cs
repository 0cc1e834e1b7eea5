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
        using var response = await RetryTransientAsync(() => container.ReadItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
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
        using var response = await RetryTransientAsync(() => container.UpsertItemStreamAsync(CosmosJson.ToStream(item), partitionKey, NoContent, cancellationToken), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Creates the item; null when an item with its id already exists.</summary>
    public async Task<string?> CreateAsync<T>(T item, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        using var response = await RetryTransientAsync(() => container.CreateItemStreamAsync(CosmosJson.ToStream(item), partitionKey, NoContent, cancellationToken), cancellationToken).ConfigureAwait(false);
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
        var options = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var response = await RetryTransientAsync(() => container.ReplaceItemStreamAsync(CosmosJson.ToStream(item), id, partitionKey, options, cancellationToken), cancellationToken).ConfigureAwait(false);
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
        using var response = await RetryTransientAsync(() => container.DeleteItemStreamAsync(id, partitionKey, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>
    /// Point operations again after a transient failure (503, 408, a lost connection), which the SDK does not retry for writes.
    /// Repeating is safe here: upserts are idempotent, and a create, replace or delete whose first attempt did land reads as
    /// "exists", "changed meanwhile" or "gone", which callers already handle by reading again.
    /// </summary>
    private static async Task<ResponseMessage> RetryTransientAsync(Func<Task<ResponseMessage>> send, CancellationToken cancellationToken)
    {
        const int Attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            ResponseMessage response;
            try
            {
                response = await send().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Attempts && !cancellationToken.IsCancellationRequested && IsTransient(ex))
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= Attempts || response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or IOException
        || (ex is CosmosException cosmos && cosmos.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout);

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds((50 << attempt) + Random.Shared.Next(50));

    /// <summary>
    /// Runs the query, in one partition when <paramref name="partitionKey"/> is given, otherwise across all. A page that
    /// fails transiently (503, 408, a lost connection) is read again from the last page's continuation, up to five times
    /// in a row, so a long scan survives faults without starting over or yielding an item twice.
    /// </summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(
        QueryDefinition query, PartitionKey? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Attempts = 5;
        var options = new QueryRequestOptions { PartitionKey = partitionKey };
        string? continuation = null;
        var failures = 0;
        var iterator = container.GetItemQueryStreamIterator(query, continuation, options);
        try
        {
            while (iterator.HasMoreResults)
            {
                var page = await ReadPageAsync<T>(iterator, failures + 1 < Attempts, cancellationToken).ConfigureAwait(false);
                if (page is null)
                {
                    failures++;
                    await Task.Delay(Backoff(failures), cancellationToken).ConfigureAwait(false);
                    iterator.Dispose();
                    iterator = container.GetItemQueryStreamIterator(query, continuation, options);
                    continue;
                }

                failures = 0;
                continuation = page.Value.Continuation;
                foreach (var item in page.Value.Items)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            iterator.Dispose();
        }
    }

    /// <returns>The page's items and continuation; null after a transient failure when <paramref name="mayRetry"/>.</returns>
    private static async Task<(List<T> Items, string? Continuation)?> ReadPageAsync<T>(FeedIterator iterator, bool mayRetry, CancellationToken cancellationToken)
    {
        ResponseMessage response;
        try
        {
            response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (mayRetry && !cancellationToken.IsCancellationRequested && IsTransient(ex))
        {
            return null;
        }

        using (response)
        {
            if (mayRetry && response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            var items = new List<T>();
            foreach (var element in page.RootElement.GetProperty("Documents").EnumerateArray())
            {
                items.Add(element.Deserialize<T>(CosmosJson.Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, read null."));
            }

            return (items, response.ContinuationToken);
        }
    }

    /// <summary>The whole result; after a transient failure the query runs again from the start.</summary>
    public async Task<List<T>> QueryListAsync<T>(QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken)
    {
        const int Attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var results = new List<T>();
            try
            {
                await foreach (var item in QueryAsync<T>(query, partitionKey, cancellationToken).ConfigureAwait(false))
                {
                    results.Add(item);
                }

                return results;
            }
            catch (Exception ex) when (attempt < Attempts && !cancellationToken.IsCancellationRequested && IsTransient(ex))
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
