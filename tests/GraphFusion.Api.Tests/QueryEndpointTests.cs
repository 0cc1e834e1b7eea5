using System.Net;
using System.Text.Json;

namespace GraphFusion.Api.Tests;

public class QueryEndpointTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await serve.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string[] Ids(JsonElement array, string property = "id") => [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    [Fact]
    public async Task Search_by_prefix_alias_and_fuzzy()
    {
        var (status, prefix) = await GetAsync("/api/search?q=long%20short");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("lstm", prefix.GetProperty("hits")[0].GetProperty("entity").GetProperty("id").GetString());

        var (_, alias) = await GetAsync("/api/search?q=RNN");
        Assert.Equal("rnn", alias.GetProperty("hits")[0].GetProperty("entity").GetProperty("id").GetString());

        var (_, fuzzy) = await GetAsync("/api/search?q=transfomer&mode=fuzzy");
        Assert.Equal("transformer", fuzzy.GetProperty("hits")[0].GetProperty("entity").GetProperty("id").GetString());

        var (_, none) = await GetAsync("/api/search?q=zzzzzz&mode=fuzzy");
        Assert.Equal(0, none.GetProperty("hits").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/search")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/search?q=x&mode=regex")).Status);
    }

    [Fact]
    public async Task Neighbours_are_paged_and_a_missing_entity_is_404()
    {
        var (status, first) = await GetAsync("/api/entities/transformer/neighbours?limit=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, first.GetProperty("nextOffset").GetInt32());

        var (_, second) = await GetAsync("/api/entities/transformer/neighbours?limit=2&offset=2");
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextOffset").ValueKind);
        var all = Ids(first.GetProperty("items"), "entityId").Concat(Ids(second.GetProperty("items"), "entityId")).Order(StringComparer.Ordinal);
        Assert.Equal(["bert", "lstm", "translation"], all);

        var (_, outgoing) = await GetAsync("/api/entities/transformer/neighbours?direction=out");
        Assert.Equal(2, outgoing.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/entities/nope/neighbours")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/entities/lstm/neighbours?limit=ten")).Status);
    }

    [Fact]
    public async Task Shortest_path_follows_relations_either_way_within_the_depth_bound()
    {
        var (status, path) = await GetAsync("/api/paths?from=bert&to=speech");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, path.GetProperty("length").GetInt32());
        Assert.Equal(["bert", "transformer", "lstm", "rnn", "speech"], Ids(path.GetProperty("entities")));

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/paths?from=bert&to=speech&maxDepth=3")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/paths?from=bert&to=island")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/paths?from=bert&to=nope")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/paths?from=bert")).Status);
    }

    [Fact]
    public async Task Subgraph_around_entities()
    {
        var (status, sub) = await GetAsync("/api/subgraph?ids=lstm&depth=1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["lstm", "rnn", "transformer"], Ids(sub.GetProperty("entities")).Order(StringComparer.Ordinal));
        Assert.Equal(2, sub.GetProperty("relations").GetArrayLength());

        var (_, zero) = await GetAsync("/api/subgraph?ids=lstm,rnn&depth=0");
        Assert.Single(zero.GetProperty("relations").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/subgraph?ids=nope")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/subgraph")).Status);
    }

    [Fact]
    public async Task Provenance_of_a_relation_with_and_without_its_head()
    {
        foreach (var path in new[] { "/api/relations/r-lstm-rnn/provenance", "/api/relations/r-lstm-rnn/provenance?head=lstm" })
        {
            var (status, provenance) = await GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("long short-term memory", provenance.GetProperty("head").GetProperty("name").GetString());
            var evidence = Assert.Single(provenance.GetProperty("evidence").EnumerateArray());
            Assert.Equal("docs/one.md", evidence.GetProperty("documentName").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/relations/r-nope/provenance")).Status);
    }

    [Fact]
    public async Task Existing_entity_and_document_routes_and_the_viewer()
    {
        Assert.Equal("lstm", (await GetAsync("/api/entities/lstm")).Body.GetProperty("entity").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/entities/nope")).Status);
        Assert.Equal("lstm", (await GetAsync("/api/entities?name=LSTM")).Body[0].GetProperty("id").GetString());
        Assert.Single((await GetAsync("/api/documents")).Body.EnumerateArray());
        var html = await serve.Client.GetStringAsync("/");
        Assert.Contains("graph-data", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_crud_validates_and_hides_secrets()
    {
        using var bad = await serve.Client.PostAsync("/api/webhooks", new StringContent("{\"url\":\"http://10.0.0.1/x\",\"events\":[\"document.ingested\"]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var unknown = await serve.Client.PostAsync("/api/webhooks", new StringContent("{\"url\":\"https://8.8.8.8/x\",\"events\":[\"nope\"]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var created = await serve.Client.PostAsync("/api/webhooks", new StringContent("{\"url\":\"https://8.8.8.8/x\",\"events\":[\"graph.refused\"]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = subscription.GetProperty("id").GetString()!;
        var secret = subscription.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var listed = await serve.Client.GetStringAsync("/api/webhooks");
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal("[]", await serve.Client.GetStringAsync($"/api/webhooks/{id}/deliveries"));
        Assert.Equal(HttpStatusCode.NoContent, (await serve.Client.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Client.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/webhooks/{id}/deliveries")).Status);
    }
}
