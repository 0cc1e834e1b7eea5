using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Testing;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Tests;

/// <summary>The contract against the local Cosmos DB server; every store gets a database of its own.</summary>
[Collection(CosmosFixture.CollectionName)]
public sealed class CosmosGraphStoreTests(CosmosFixture fixture) : GraphStoreContract
{
    private readonly List<string> databases = [];

    protected override async Task<IGraphStore> CreateStoreAsync()
    {
        var name = CosmosFixture.UniqueName("graph");
        databases.Add(name);
        return await CosmosGraphStore.CreateAsync(fixture.Client, new CosmosGraphStoreOptions { Database = name }, Ct);
    }

    public override async Task DisposeAsync()
    {
        foreach (var name in databases)
        {
            using var response = await fixture.Client.GetDatabase(name).DeleteStreamAsync();
        }
    }

    [Fact]
    public async Task Creating_the_store_again_keeps_the_containers_and_their_data()
    {
        var name = CosmosFixture.UniqueName("graph");
        databases.Add(name);
        var options = new CosmosGraphStoreOptions { Database = name };
        var first = await CosmosGraphStore.CreateAsync(fixture.Client, options, Ct);
        await first.PutStateAsync("x", "kept", Ct);

        var second = await CosmosGraphStore.CreateAsync(fixture.Client, options, Ct);

        Assert.Equal("kept", await second.GetStateAsync("x", Ct));
        foreach (var (container, path) in CosmosGraphContainers.Layout)
        {
            var properties = (await fixture.Client.GetDatabase(name).GetContainer(container).ReadContainerAsync()).Resource;
            Assert.Equal(path, properties.PartitionKeyPath);
        }
    }

    [Fact]
    public async Task The_store_does_not_depend_on_the_clients_serializer()
    {
        // The SDK's default (Newtonsoft) serializer, with default naming.
        using var client = new CosmosClient(
            fixture.Emulator.Endpoint.ToString(),
            fixture.Emulator.Key,
            new CosmosClientOptions { ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true });
        var name = CosmosFixture.UniqueName("graph");
        databases.Add(name);
        var store = await CosmosGraphStore.CreateAsync(client, new CosmosGraphStoreOptions { Database = name }, Ct);
        var claims = Samples.Claims("lstm", "doc-1") with { AliasKeys = ["long short term memory"] };

        await store.WriteClaimsAsync("doc-1", [claims], Ct);
        await store.MarkTouchedAsync(["lstm"], Ct);

        JsonAssert.Equal(claims, Assert.Single(await store.GetClaimsAsync(["lstm", "other"], Ct)));
        Assert.Single(await store.GetTouchStampsAsync(["lstm", "other"], Ct));
    }

    [Fact]
    public async Task Items_are_stored_under_escaped_ids_with_the_real_key_beside_them()
    {
        await Store.WriteClaimsAsync("folder/paper #1?.pdf", [Samples.Claims("c#", "folder/paper #1?.pdf")], Ct);

        var store = (CosmosGraphStore)Store;
        var ids = await store.Containers.Claims.QueryListAsync<string>(
            new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.key = @key").WithParameter("@key", "c#"), null, Ct);

        var id = Assert.Single(ids);
        Assert.DoesNotContain(id, c => c is '/' or '\\' or '?' or '#');
    }

    [Fact]
    public async Task Replacing_a_seed_model_leaves_no_parts_of_the_previous_one()
    {
        var store = (CosmosGraphStore)Store;
        var seedModels = new CosmosSeedModelStore(store.Containers.State, partLength: 1_000);
        var large = SeedModelSample("corpus", documents: 20, phrasesPerDocument: 20);
        var small = SeedModelSample("corpus", documents: 1, phrasesPerDocument: 1);
        await seedModels.SaveSeedModelAsync(large, Ct);
        var partsOfLarge = await SeedModelItemsAsync(store);

        await seedModels.SaveSeedModelAsync(small, Ct);

        Assert.True(partsOfLarge.Count > 10, $"{partsOfLarge.Count} items");
        var left = await SeedModelItemsAsync(store);
        Assert.Equal(1 + ((StoreJson.Serialize(small).Length + 999) / 1_000), left.Count);
        Assert.Empty(left.Intersect(partsOfLarge.Where(n => n != "seed-model/corpus")));
        JsonAssert.Equal(small, await seedModels.GetSeedModelAsync("corpus", Ct));
    }

    private static async Task<List<string>> SeedModelItemsAsync(CosmosGraphStore store) =>
        [.. (await store.Containers.State.QueryListAsync<string>(new QueryDefinition("SELECT VALUE c.name FROM c"), null, Ct))
            .Where(n => n.StartsWith("seed-model/", StringComparison.Ordinal))];
}
