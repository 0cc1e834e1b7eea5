using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace GraphFusion.GpuWorker.Tests;

/// <summary>The real worker on Kestrel, listening on a free loopback port, with the given settings.</summary>
public sealed class WorkerFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-8f2b1c";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public WorkerFactory(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public static WorkerFactory WithApiKey(params (string Key, string? Value)[] extra) =>
        new(new Dictionary<string, string?>(extra.Select(e => KeyValuePair.Create(e.Key, e.Value))) { ["Auth:ApiKey"] = ApiKey });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts the server and waits until /readyz answers 200.</summary>
    public async Task<HttpClient> StartReadyAsync()
    {
        StartServer();
        var client = CreateClient();
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/readyz");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return client;
            }

            Assert.True(DateTime.UtcNow < deadline, "worker did not become ready");
            await Task.Delay(100);
        }
    }

    public static HttpRequestMessage EmbeddingRequest(object body, string? apiKey = ApiKey, bool bearer = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            if (bearer)
            {
                request.Headers.Authorization = new("Bearer", apiKey);
            }
            else
            {
                request.Headers.Add("api-key", apiKey);
            }
        }

        return request;
    }
}
