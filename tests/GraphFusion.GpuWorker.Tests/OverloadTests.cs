using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GraphFusion.GpuWorker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class OverloadTests(WorkerFixture fixture)
{
    [Fact]
    public async Task A_full_queue_answers_429_and_every_accepted_request_gets_its_own_embeddings()
    {
        await using var factory = WorkerFactory.WithApiKey(
            ("Batching:QueueCapacity", "4"),
            ("Batching:MaxBatchSize", "8"),
            ("Batching:MaxWaitMilliseconds", "20"));
        using var client = await factory.StartReadyAsync();

        const int requests = 64;
        var texts = Enumerable.Range(0, requests)
            .Select(r => Enumerable.Range(0, 3).Select(t => $"Request {r} asks about topic {(r * 7) + t}: {new string('x', r % 5)} graphs and {r} nodes.").ToArray())
            .ToArray();

        using var start = new SemaphoreSlim(0);
        var calls = texts.Select(async input =>
        {
            await start.WaitAsync();
            using var response = await client.SendAsync(WorkerFactory.EmbeddingRequest(new { input }));
            var body = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return (input, response.StatusCode, RetryAfter: response.Headers.RetryAfter, body);
        }).ToArray();
        start.Release(requests);
        var results = await Task.WhenAll(calls);

        var accepted = results.Where(r => r.StatusCode == HttpStatusCode.OK).ToArray();
        var rejected = results.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.Equal(requests, accepted.Length + rejected.Length);
        Assert.NotEmpty(accepted);
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.NotNull(r.RetryAfter));

        foreach (var (input, _, _, body) in accepted)
        {
            var data = body.GetProperty("data").EnumerateArray().ToArray();
            Assert.Equal(input.Length, data.Length);
            var expected = fixture.Encoder.Embed(input);
            for (var i = 0; i < input.Length; i++)
            {
                var vector = data[i].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
                TestMath.AssertClose(expected[i], vector);
            }
        }
    }
}
