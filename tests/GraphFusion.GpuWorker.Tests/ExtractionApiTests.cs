extern alias cli;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using cli::GraphFusion.Cli;
using GraphFusion.Core.Export;
using GraphFusion.Core.Extraction;
using GraphFusion.Inference.Extraction;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workers;
using GraphFusion.Workers.Extraction;

namespace GraphFusion.GpuWorker.Tests;

/// <summary><c>/v1/extract</c> on the real worker: the same results and the same graph as in-process extraction; auth and limits.</summary>
public sealed class ExtractionApiTests : IAsyncLifetime
{
    private static readonly string[] Documents = ["entity-linking.txt", "word-embeddings.txt", "recurrent-networks.txt"];

    private readonly WorkerFactory _factory = WorkerFactory.WithApiKey(
        ("Limits:MaxExtractTextsPerRequest", "8"), ("Limits:MaxExtractCharsPerRequest", "20000"));

    private readonly TrainedExtractor _inProcess = TrainedExtractor.LoadShipped();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.StartReadyAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _inProcess.Dispose();
    }

    [Fact]
    public async Task The_pipeline_builds_the_same_graph_with_the_worker_as_in_process()
    {
        var files = Documents.Select(SamplePath).ToList();
        var worker = WorkerExtractionSetup.CreateStandalone(_client.BaseAddress!, WorkerFactory.ApiKey, TrainedExtractor.ShippedName);
        Assert.Equal(_inProcess.Name, worker.Name);

        var inProcessGraph = await BuildGraphAsync(_inProcess, files);
        var workerGraph = await BuildGraphAsync(worker, files);

        Assert.Contains("\"relations\"", inProcessGraph, StringComparison.Ordinal);
        Assert.True(inProcessGraph.Length > 1000, "the sample documents should give a non-trivial graph");
        Assert.Equal(inProcessGraph, workerGraph);
    }

    [Fact]
    public async Task Results_equal_in_process_extraction_for_texts_and_chunks()
    {
        var text = await File.ReadAllTextAsync(SamplePath("entity-linking.txt"));
        ChunkInput[] chunks = [new("a", text[..Math.Min(text.Length, 1500)]), new("b", "Long short-term memory (LSTM) is used for machine translation.")];
        var expected = _inProcess.Extract(chunks);

        var worker = WorkerExtractionSetup.CreateStandalone(_client.BaseAddress!, WorkerFactory.ApiKey, TrainedExtractor.ShippedName);
        var actual = await worker.ExtractAsync(chunks, CancellationToken.None);
        AssertSame(expected, actual);

        using var plain = Request(new { texts = chunks.Select(c => c.Text).ToArray() });
        using var response = await _client.SendAsync(plain);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<ExtractResponse>())!;
        Assert.Equal(_inProcess.Name, body.Extractor);
        Assert.Equal(["0", "1"], body.Results.Select(r => r.Id));
        Assert.NotEmpty(body.Results[1].Aliases);
        AssertSame(expected, [.. body.Results.Select((r, i) => ExtractMapping.FromWire(r with { Id = chunks[i].ChunkId }, body.Extractor))]);
    }

    [Fact]
    public async Task Extraction_requires_the_api_key()
    {
        using var anonymous = Request(new { texts = new[] { "Graph neural networks." } }, apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(anonymous)).StatusCode);

        using var wrong = Request(new { texts = new[] { "Graph neural networks." } }, apiKey: "wrong-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(wrong)).StatusCode);

        using var model = new HttpRequestMessage(HttpMethod.Get, "/v1/extract/model");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(model)).StatusCode);
    }

    [Fact]
    public async Task Limits_answer_400_and_413()
    {
        await AssertStatusAsync(new { texts = Enumerable.Repeat("A sentence.", 9).ToArray() }, HttpStatusCode.BadRequest, "too_many_inputs");
        await AssertStatusAsync(new { texts = Array.Empty<string>() }, HttpStatusCode.BadRequest, "invalid_input");
        await AssertStatusAsync(new { texts = new[] { "a" }, chunks = new[] { new { id = "x", text = "b" } } }, HttpStatusCode.BadRequest, "invalid_input");
        await AssertStatusAsync(new { texts = new[] { new string('a', 12_000), new string('b', 9_000) } }, HttpStatusCode.RequestEntityTooLarge, "too_many_characters");

        using var huge = new HttpRequestMessage(HttpMethod.Post, "/v1/extract")
        {
            Content = new StringContent($"{{\"texts\": [\"{new string('a', 2 * 1024 * 1024)}\"]}}", Encoding.UTF8, "application/json"),
        };
        huge.Headers.Add("api-key", WorkerFactory.ApiKey);
        huge.Headers.ExpectContinue = true;
        using var tooLarge = await _client.SendAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("request_too_large", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var invalid = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = new StringContent("{\"texts\": [1]}", Encoding.UTF8, "application/json") };
        invalid.Headers.Add("api-key", WorkerFactory.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.SendAsync(invalid)).StatusCode);
    }

    private async Task AssertStatusAsync(object body, HttpStatusCode status, string code)
    {
        using var request = Request(body);
        using var response = await _client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> BuildGraphAsync(ITripletExtractor extractor, IReadOnlyList<string> files)
    {
        var folder = Directory.CreateTempSubdirectory("graphfusion-extract-");
        try
        {
            var store = new SqliteGraphStore(Path.Combine(folder.FullName, "graph.db"));
            var outcomes = await new LocalPipelineRunner(store, extractor, concurrency: 1).IngestAsync(files, null, CancellationToken.None);
            Assert.All(outcomes, o => Assert.Equal("Ingested", o.Status));
            using var output = new MemoryStream();
            JsonGraphExporter.Write(await GraphSnapshot.LoadAsync(store, CancellationToken.None), output);
            return Encoding.UTF8.GetString(output.ToArray());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void AssertSame(IReadOnlyList<ChunkExtraction> expected, IReadOnlyList<ChunkExtraction> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].ChunkId, actual[i].ChunkId);
            Assert.Equal(expected[i].Extractor, actual[i].Extractor);
            Assert.Equal(expected[i].Mentions, actual[i].Mentions);
            Assert.Equal(expected[i].Triplets, actual[i].Triplets);
            Assert.Equal(expected[i].Aliases, actual[i].Aliases);
        }
    }

    private static HttpRequestMessage Request(object body, string? apiKey = WorkerFactory.ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        return request;
    }

    private static string SamplePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "documents", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"samples/documents/{name} not found above {AppContext.BaseDirectory}");
    }
}
