using System.Net;
using System.Text;
using System.Text.Json;
using GraphFusion.Cli.Serve;
using GraphFusion.Core.Webhooks;

namespace GraphFusion.Api.Tests;

public class EndToEndTests
{
    [Fact]
    public async Task Ingesting_a_document_under_serve_delivers_a_signed_document_ingested_event_to_a_loopback_receiver()
    {
        await using var receiver = await TestReceiver.StartAsync(_ => 200);
        using var graph = new KnownGraph();
        var watched = Directory.CreateDirectory(Path.Combine(graph.Folder, "watched")).FullName;
        var options = new ServeOptions(["http://127.0.0.1:0"], watched)
        {
            Settings = new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true", ["Webhooks:InitialDelaySeconds"] = "0.2" },
            WatchDebounce = TimeSpan.FromMilliseconds(200),
        };
        await using var serve = await ServeHost.StartAsync(graph.Store, options, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(serve.Addresses.First()) };

        var body = JsonSerializer.Serialize(new { url = receiver.Url, events = new[] { "document.ingested" } });
        using var created = await client.PostAsync("/api/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var secret = subscription.GetProperty("secret").GetString()!;

        var sample = Path.Combine(RepoRoot(), "samples", "documents", "attention.md");
        File.Copy(sample, Path.Combine(watched, "attention.md"));

        var delivered = await receiver.WaitForAsync(r => r.Body.Contains("document.ingested", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.True(WebhookSignature.Verify(secret, delivered.Id, delivered.Timestamp, delivered.Body, delivered.Signature, DateTimeOffset.UtcNow));
        Assert.Equal("application/cloudevents+json; charset=utf-8", delivered.ContentType);
        var cloudEvent = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("document.ingested", cloudEvent.GetProperty("type").GetString());
        Assert.EndsWith("attention.md", cloudEvent.GetProperty("data").GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.True(cloudEvent.GetProperty("data").GetProperty("entities").GetInt32() > 0);
        Assert.DoesNotContain(receiver.Requests, r => r.Body.Contains("graph.refused", StringComparison.Ordinal));

        var deliveries = await WaitForDeliveredAsync(client, subscription.GetProperty("id").GetString()!);
        Assert.Contains("\"status\":\"delivered\"", deliveries, StringComparison.Ordinal);
        Assert.Contains("attention", await client.GetStringAsync("/api/search?q=attention"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Serve_refuses_non_loopback_addresses_without_allow_remote()
    {
        using var graph = new KnownGraph();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ServeHost.StartAsync(graph.Store, new ServeOptions(["http://0.0.0.0:0"]), CancellationToken.None));
        Assert.Contains("--allow-remote", error.Message, StringComparison.Ordinal);
        Assert.True(LoopbackBinding.IsLoopback("http://localhost:5080"));
        Assert.True(LoopbackBinding.IsLoopback("http://[::1]:5080"));
        Assert.False(LoopbackBinding.IsLoopback("http://*:5080"));
        Assert.False(LoopbackBinding.IsLoopback("http://192.168.1.10:5080"));
    }

    private static async Task<string> WaitForDeliveredAsync(HttpClient client, string id)
    {
        for (var i = 0; ; i++)
        {
            var text = await client.GetStringAsync($"/api/webhooks/{id}/deliveries");
            if (text.Contains("\"status\":\"delivered\"", StringComparison.Ordinal) || i > 50)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }
}
