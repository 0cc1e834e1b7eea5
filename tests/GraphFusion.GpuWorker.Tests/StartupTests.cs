using System.Net;

namespace GraphFusion.GpuWorker.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Refuses_to_start_without_any_authentication_configured()
    {
        await using var factory = new WorkerFactory(new Dictionary<string, string?>());
        var error = Assert.ThrowsAny<Exception>(factory.StartServer);
        Assert.Contains("No authentication configured", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_anonymously_only_when_explicitly_allowed()
    {
        await using var factory = new WorkerFactory(new Dictionary<string, string?> { ["Auth:AllowAnonymous"] = "true" });
        using var client = await factory.StartReadyAsync();
        using var response = await client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = "anonymous" }, apiKey: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Entra_settings_count_as_authentication_and_requests_without_a_token_get_401()
    {
        await using var factory = new WorkerFactory(new Dictionary<string, string?>
        {
            ["Auth:EntraTenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Auth:EntraAudience"] = "api://graphfusion-worker",
        });
        using var client = await factory.StartReadyAsync();
        using var anonymous = await client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = "x" }, apiKey: null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var withKey = await client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = "x" }, apiKey: "some-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, withKey.StatusCode);
    }
}
