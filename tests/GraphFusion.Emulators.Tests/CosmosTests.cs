using System.Net;
using GraphFusion.Testing;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Emulators.Tests;

[Collection(CosmosFixture.CollectionName)]
public sealed class CosmosTests(CosmosFixture fixture)
{
    public sealed record Doc(string Id, string Tenant, string Name, int Rank);

    private async Task<Container> NewContainerAsync()
    {
        var database = (await fixture.Client.CreateDatabaseIfNotExistsAsync(CosmosFixture.UniqueName("db"))).Database;
        var response = await database.CreateContainerIfNotExistsAsync(new ContainerProperties("docs", "/tenant"));
        return response.Container;
    }

    private static async Task SeedAsync(Container container)
    {
        Doc[] docs =
        [
            new("a1", "alpha", "first", 3),
            new("a2", "alpha", "second", 1),
            new("a3", "alpha", "third", 2),
            new("b1", "beta", "fourth", 5),
            new("b2", "beta", "fifth", 4),
        ];
        foreach (var doc in docs)
        {
            await container.UpsertItemAsync(doc, new PartitionKey(doc.Tenant));
        }
    }

    private static async Task<List<T>> DrainAsync<T>(FeedIterator<T> iterator)
    {
        var all = new List<T>();
        using (iterator)
        {
            while (iterator.HasMoreResults)
            {
                all.AddRange(await iterator.ReadNextAsync());
            }
        }

        return all;
    }

    [Fact]
    public async Task Databases_and_containers_can_be_created_and_read()
    {
        var name = CosmosFixture.UniqueName("db");
        var created = await fixture.Client.CreateDatabaseAsync(name);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var again = await fixture.Client.CreateDatabaseIfNotExistsAsync(name);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var container = await created.Database.CreateContainerAsync(new ContainerProperties("items", "/tenant"));
        Assert.Equal(HttpStatusCode.Created, container.StatusCode);

        var read = await container.Container.ReadContainerAsync();
        Assert.Equal("/tenant", read.Resource.PartitionKeyPath);

        await created.Database.DeleteAsync();
        var ex = await Assert.ThrowsAsync<CosmosException>(() => fixture.Client.GetDatabase(name).ReadAsync());
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Upsert_then_read_round_trips()
    {
        var container = await NewContainerAsync();
        var doc = new Doc("x1", "alpha", "hello", 7);

        var created = await container.UpsertItemAsync(doc, new PartitionKey("alpha"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(string.IsNullOrEmpty(created.ETag));

        var updated = await container.UpsertItemAsync(doc with { Rank = 8 }, new PartitionKey("alpha"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var read = await container.ReadItemAsync<Doc>("x1", new PartitionKey("alpha"));
        Assert.Equal(doc with { Rank = 8 }, read.Resource);
        Assert.Equal(updated.ETag, read.ETag);
    }

    [Fact]
    public async Task Missing_item_gives_404()
    {
        var container = await NewContainerAsync();
        await container.UpsertItemAsync(new Doc("exists", "alpha", "n", 1), new PartitionKey("alpha"));

        var missing = await Assert.ThrowsAsync<CosmosException>(
            () => container.ReadItemAsync<Doc>("nope", new PartitionKey("alpha")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var wrongPartition = await Assert.ThrowsAsync<CosmosException>(
            () => container.ReadItemAsync<Doc>("exists", new PartitionKey("beta")));
        Assert.Equal(HttpStatusCode.NotFound, wrongPartition.StatusCode);

        using var stream = await container.ReadItemStreamAsync("nope", new PartitionKey("alpha"));
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
    }

    [Fact]
    public async Task Replace_upsert_and_delete_with_stale_IfMatch_give_412()
    {
        var container = await NewContainerAsync();
        var pk = new PartitionKey("alpha");
        var v1 = await container.CreateItemAsync(new Doc("e1", "alpha", "v1", 1), pk);
        var v2 = await container.ReplaceItemAsync(
            new Doc("e1", "alpha", "v2", 2), "e1", pk, new ItemRequestOptions { IfMatchEtag = v1.ETag });
        Assert.NotEqual(v1.ETag, v2.ETag);

        var stale = new ItemRequestOptions { IfMatchEtag = v1.ETag };
        var replace = await Assert.ThrowsAsync<CosmosException>(
            () => container.ReplaceItemAsync(new Doc("e1", "alpha", "v3", 3), "e1", pk, stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, replace.StatusCode);

        var upsert = await Assert.ThrowsAsync<CosmosException>(
            () => container.UpsertItemAsync(new Doc("e1", "alpha", "v3", 3), pk, stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, upsert.StatusCode);

        var delete = await Assert.ThrowsAsync<CosmosException>(() => container.DeleteItemAsync<Doc>("e1", pk, stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, delete.StatusCode);

        var conflict = await Assert.ThrowsAsync<CosmosException>(
            () => container.CreateItemAsync(new Doc("e1", "alpha", "dup", 0), pk));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var current = await container.ReadItemAsync<Doc>("e1", pk);
        Assert.Equal("v2", current.Resource.Name);

        var v3 = await container.UpsertItemAsync(
            new Doc("e1", "alpha", "v3", 3), pk, new ItemRequestOptions { IfMatchEtag = v2.ETag });
        Assert.Equal(HttpStatusCode.OK, v3.StatusCode);
    }

    [Fact]
    public async Task IfNoneMatch_with_current_etag_gives_304()
    {
        var container = await NewContainerAsync();
        var created = await container.CreateItemAsync(new Doc("c1", "alpha", "n", 1), new PartitionKey("alpha"));

        using var notModified = await container.ReadItemStreamAsync(
            "c1", new PartitionKey("alpha"), new ItemRequestOptions { IfNoneMatchEtag = created.ETag });
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var modified = await container.ReadItemStreamAsync(
            "c1", new PartitionKey("alpha"), new ItemRequestOptions { IfNoneMatchEtag = "\"something-else\"" });
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task Single_partition_query_returns_only_that_partition()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var results = await DrainAsync(container.GetItemQueryIterator<Doc>(
            new QueryDefinition("SELECT * FROM c WHERE c.rank >= @min").WithParameter("@min", 0),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("alpha") }));

        Assert.Equal(["a1", "a2", "a3"], results.Select(d => d.Id).Order().ToArray());
        Assert.All(results, d => Assert.Equal("alpha", d.Tenant));

        var all = await DrainAsync(container.GetItemQueryIterator<Doc>(
            "SELECT * FROM c", requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("beta") }));
        Assert.Equal(["b1", "b2"], all.Select(d => d.Id).Order().ToArray());
    }

    [Fact]
    public async Task Cross_partition_query_with_where_and_order_by()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var results = await DrainAsync(container.GetItemQueryIterator<Doc>(
            new QueryDefinition("SELECT * FROM c WHERE c.rank > @min ORDER BY c.rank DESC").WithParameter("@min", 1)));
        Assert.Equal(["b1", "b2", "a1", "a3"], results.Select(d => d.Id).ToArray());

        var paged = await DrainAsync(container.GetItemQueryIterator<Doc>(
            "SELECT * FROM c ORDER BY c.name", requestOptions: new QueryRequestOptions { MaxItemCount = 2 }));
        Assert.Equal(["fifth", "first", "fourth", "second", "third"], paged.Select(d => d.Name).ToArray());

        var names = await DrainAsync(container.GetItemQueryIterator<string>("SELECT VALUE c.name FROM c WHERE c.tenant = 'beta'"));
        Assert.Equal(["fifth", "fourth"], names.Order(StringComparer.Ordinal).ToArray());

        var count = await DrainAsync(container.GetItemQueryIterator<int>("SELECT VALUE COUNT(1) FROM c"));
        Assert.Equal(5, count.Sum());
    }

    [Fact]
    public async Task Delete_removes_the_item()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var deleted = await container.DeleteItemAsync<Doc>("a2", new PartitionKey("alpha"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var ex = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<Doc>("a2", new PartitionKey("alpha")));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);

        var again = await Assert.ThrowsAsync<CosmosException>(() => container.DeleteItemAsync<Doc>("a2", new PartitionKey("alpha")));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var remaining = await DrainAsync(container.GetItemQueryIterator<Doc>("SELECT * FROM c"));
        Assert.Equal(4, remaining.Count);
    }

    [Fact]
    public async Task Change_feed_is_incremental()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var iterator = container.GetChangeFeedIterator<Doc>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);
        var first = await ReadChangesAsync(iterator);
        Assert.Equal(["a1", "a2", "a3", "b1", "b2"], first.Select(d => d.Id).Order().ToArray());

        Assert.Empty(await ReadChangesAsync(iterator));

        await container.UpsertItemAsync(new Doc("a2", "alpha", "second-updated", 9), new PartitionKey("alpha"));
        await container.CreateItemAsync(new Doc("c1", "gamma", "new", 0), new PartitionKey("gamma"));

        var second = await ReadChangesAsync(iterator);
        Assert.Equal(["a2", "c1"], second.Select(d => d.Id).Order().ToArray());
        Assert.Equal("second-updated", second.Single(d => d.Id == "a2").Name);

        Assert.Empty(await ReadChangesAsync(iterator));
    }

    [Fact]
    public async Task Change_feed_from_now_and_for_one_partition_key()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var fromNow = container.GetChangeFeedIterator<Doc>(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion);
        Assert.Empty(await ReadChangesAsync(fromNow));

        var betaOnly = container.GetChangeFeedIterator<Doc>(
            ChangeFeedStartFrom.Beginning(FeedRange.FromPartitionKey(new PartitionKey("beta"))), ChangeFeedMode.LatestVersion);
        Assert.Equal(["b1", "b2"], (await ReadChangesAsync(betaOnly)).Select(d => d.Id).Order().ToArray());

        await container.UpsertItemAsync(new Doc("a9", "alpha", "late", 1), new PartitionKey("alpha"));
        await container.UpsertItemAsync(new Doc("b9", "beta", "late", 1), new PartitionKey("beta"));

        Assert.Equal(["a9", "b9"], (await ReadChangesAsync(fromNow)).Select(d => d.Id).Order().ToArray());
        Assert.Equal(["b9"], (await ReadChangesAsync(betaOnly)).Select(d => d.Id).ToArray());
    }

    [Fact]
    public async Task Top_and_IfMatch_star_work()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var top = await DrainAsync(container.GetItemQueryIterator<Doc>("SELECT TOP 2 * FROM c ORDER BY c.rank"));
        Assert.Equal(["a2", "a3"], top.Select(d => d.Id).ToArray());

        var replaced = await container.ReplaceItemAsync(
            new Doc("a1", "alpha", "any-version", 3), "a1", new PartitionKey("alpha"), new ItemRequestOptions { IfMatchEtag = "*" });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
    }

    [Fact]
    public async Task Many_concurrent_upserts_are_all_stored()
    {
        var container = await NewContainerAsync();
        using var gate = new SemaphoreSlim(32);
        var tasks = Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var tenant = $"t{i % 10}";
                await container.UpsertItemAsync(new Doc($"d{i}", tenant, $"n{i}", i), new PartitionKey(tenant));
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);

        var count = await DrainAsync(container.GetItemQueryIterator<int>("SELECT VALUE COUNT(1) FROM c"));
        Assert.Equal(1000, count.Sum());

        var one = await DrainAsync(container.GetItemQueryIterator<Doc>(
            "SELECT * FROM c", requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("t3") }));
        Assert.Equal(100, one.Count);
    }

    [Fact]
    public async Task ReadMany_returns_the_requested_items()
    {
        var container = await NewContainerAsync();
        await SeedAsync(container);

        var response = await container.ReadManyItemsAsync<Doc>(
        [
            ("a1", new PartitionKey("alpha")),
            ("b2", new PartitionKey("beta")),
            ("missing", new PartitionKey("beta")),
        ]);
        Assert.Equal(["a1", "b2"], response.Resource.Select(d => d.Id).Order().ToArray());
    }

    private static async Task<List<Doc>> ReadChangesAsync(FeedIterator<Doc> iterator)
    {
        var changes = new List<Doc>();
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync();
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                break;
            }

            changes.AddRange(page);
        }

        return changes;
    }
}
