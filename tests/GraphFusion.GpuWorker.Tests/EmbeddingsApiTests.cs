using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace GraphFusion.GpuWorker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class EmbeddingsApiTests(WorkerFixture fixture)
{
    private static readonly string[] Texts =
    [
        "Graph neural networks aggregate information from neighbouring nodes.",
        "Café au lait",
        "",
        "A much longer input sentence that will need quite a lot more padding than the others in the batch, by design.",
        "short",
    ];

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Health_and_readiness_are_anonymous_and_report_the_execution_provider()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);

        using var ready = await Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Contains(body.GetProperty("executionProvider").GetString(), new[] { "CPUExecutionProvider", "CUDAExecutionProvider" });
        Assert.Equal(GraphFusion.Inference.MiniLmEncoder.OnnxRuntimeFlavor, body.GetProperty("onnxRuntimeFlavor").GetString());
        Assert.Equal(384, body.GetProperty("dimensions").GetInt32());
        var merging = body.GetProperty("merging");
        Assert.Equal("auto", merging.GetProperty("requested").GetString());
        Assert.Contains(merging.GetProperty("kernel").GetString(), new[] { "cpu-simd", "ilgpu-cuda" });
    }

    [Fact]
    public async Task Embeddings_equal_the_in_process_encoder_in_the_OpenAI_shape()
    {
        using var response = await Client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = Texts, model = "all-MiniLM-L6-v2" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.False(response.Headers.TransferEncodingChunked ?? false, "the answer is sent with its length, not chunked");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonSerializer.Deserialize<JsonElement>(bytes);

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("all-MiniLM-L6-v2", body.GetProperty("model").GetString());
        var expectedTokens = Texts.Sum(fixture.Encoder.CountTokens);
        Assert.Equal(expectedTokens, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(expectedTokens, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var data = body.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(Texts.Length, data.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal("embedding", data[i].GetProperty("object").GetString());
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            var vector = data[i].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
            TestMath.AssertClose(fixture.Encoder.Embed(Texts[i]), vector);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_header_styles_are_accepted_and_a_single_string_input_works(bool bearer)
    {
        using var response = await Client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = "one text" }, bearer: bearer));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var vector = body.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        TestMath.AssertClose(fixture.Encoder.Embed("one text"), vector);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("wrong-key", false)]
    [InlineData("wrong-key", true)]
    [InlineData("test-key-8f2b1", true)]
    [InlineData("test-key-8f2b1cX", false)]
    public async Task Missing_or_wrong_key_gets_401(string? key, bool bearer)
    {
        using var response = await Client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = "x" }, key, bearer));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_api_key", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Oversize_body_gets_413()
    {
        var json = "{\"input\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", WorkerFactory.ApiKey);

        // As real clients of large uploads do: the server refuses before the body is sent, so the answer cannot race the upload.
        request.Headers.ExpectContinue = true;
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Too_many_inputs_get_400_with_a_clear_message()
    {
        var inputs = Enumerable.Range(0, 17).Select(i => $"text {i}").ToArray();
        using var response = await Client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = inputs }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("too_many_inputs", error.GetProperty("code").GetString());
        Assert.Contains("at most 16", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, string> InvalidBodies => new()
    {
        { "{\"input\":[]}", HttpStatusCode.BadRequest, "invalid_input" },
        { "{\"input\":[1,2,3]}", HttpStatusCode.BadRequest, "invalid_input" },
        { "{\"model\":\"all-MiniLM-L6-v2\"}", HttpStatusCode.BadRequest, "invalid_input" },
        { "{\"input\":\"x\",\"model\":\"text-embedding-3-large\"}", HttpStatusCode.NotFound, "model_not_found" },
        { "{\"input\":\"x\",\"encoding_format\":\"int8\"}", HttpStatusCode.BadRequest, "invalid_encoding_format" },
        { "{\"input\":\"x\",\"dimensions\":256}", HttpStatusCode.BadRequest, "invalid_dimensions" },
        { "{\"input\":", HttpStatusCode.BadRequest, "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_requests_get_OpenAI_style_errors(string json, HttpStatusCode status, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", WorkerFactory.ApiKey);
        using var response = await Client.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Base64_encoding_carries_the_same_floats()
    {
        using var response = await Client.SendAsync(WorkerFactory.EmbeddingRequest(new { input = "base64 please", encoding_format = "base64" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var encoded = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data")[0].GetProperty("embedding").GetString()!;
        var vector = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(encoded)).ToArray();
        TestMath.AssertClose(fixture.Encoder.Embed("base64 please"), vector);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/v1/embeddings", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
