using System.Text.Json;
using GraphFusion.Testing;

namespace GraphFusion.Cli.Tests;

/// <summary>The LLM path end to end: the CLI configured by environment variables, a local server speaking the chat protocol.</summary>
public sealed class LlmIngestTests : IAsyncLifetime
{
    private const string Document = "Kalman filters are used for sensor fusion. Particle filters are compared with Kalman filters.";
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-llm-").FullName;
    private FakeChatServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        server.Responder = (_, _) => ScriptedReply.Ok("""
            {"entities":[{"name":"Kalman filters","type":"Method"},{"name":"sensor fusion","type":"Task"},{"name":"Particle filters","type":"Method"}],
             "triplets":[{"head":"Kalman filters","relation":"Used-for","tail":"sensor fusion"},
                         {"head":"Particle filters","relation":"Compare","tail":"Kalman filters"},
                         {"head":"Bitcoin","relation":"Used-for","tail":"sensor fusion"}]}
            """);
        await File.WriteAllTextAsync(Path.Combine(work, "filters.txt"), Document);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task Ingest_uses_the_configured_chat_model_and_a_rebuild_pays_nothing_twice()
    {
        var environment = new Dictionary<string, string>
        {
            ["Llm__Provider"] = "openai-compatible",
            ["Llm__Endpoint"] = server.BaseAddress.ToString(),
            ["Llm__Model"] = "local-model",
            ["Llm__Cache__Directory"] = Path.Combine(work, "llm-cache"),
        };

        var (code, output) = await CliProcess.RunAsync(work, environment, "ingest", "filters.txt", "--store", "sqlite:first.db", "--json", "first.json");
        Assert.True(code == 0, output);
        var requests = server.Requests.Count;
        Assert.True(requests > 0);

        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "first.json"))))
        {
            var names = json.RootElement.GetProperty("entities").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("name").GetString()!);
            var triplets = json.RootElement.GetProperty("relations").EnumerateArray()
                .Select(r => $"{names[r.GetProperty("head").GetString()!]} {r.GetProperty("type").GetString()} {names[r.GetProperty("tail").GetString()!]}")
                .ToList();
            Assert.Contains(triplets, t => t.Equals("Kalman filters Used-for sensor fusion", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(names.Values, n => n.Contains("Bitcoin", StringComparison.Ordinal));
            Assert.All(json.RootElement.GetProperty("relations").EnumerateArray(), r =>
                Assert.StartsWith("llm-", r.GetProperty("evidence")[0].GetProperty("extractor").GetString(), StringComparison.Ordinal));
        }

        // A fresh store, the same cache: the graph is rebuilt without a single request.
        (code, output) = await CliProcess.RunAsync(work, environment, "ingest", "filters.txt", "--store", "sqlite:second.db", "--json", "second.json");
        Assert.True(code == 0, output);
        Assert.Equal(requests, server.Requests.Count);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(work, "first.json")), await File.ReadAllTextAsync(Path.Combine(work, "second.json")));
    }
}
