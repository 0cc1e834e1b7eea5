using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GraphFusion.GpuWorker.Merging;

namespace GraphFusion.GpuWorker.Tests.Merging;

/// <summary>Calls to <c>/v1/merges</c> with the fixture's API key.</summary>
internal static class MergeApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> PostYamlAsync(HttpClient client, string yaml, string? output = null, string? apiKey = WorkerFactory.ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, output is null ? "/v1/merges" : $"/v1/merges?output={Uri.EscapeDataString(output)}")
        {
            Content = new StringContent(yaml, Encoding.UTF8, "application/yaml"),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string yaml, string? output, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/merges") { Content = JsonContent.Create(new { recipe = yaml, output }) };
        request.Headers.Add("api-key", WorkerFactory.ApiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<MergeJobView> GetAsync(HttpClient client, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/merges/{id}");
        request.Headers.Add("api-key", WorkerFactory.ApiKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MergeJobView>(Json))!;
    }

    /// <summary>Polls until the job finishes; returns every state seen and the final view.</summary>
    public static async Task<(List<MergeJobView> Seen, MergeJobView Final)> WaitAsync(HttpClient client, string id)
    {
        var seen = new List<MergeJobView>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await GetAsync(client, id);
            seen.Add(view);
            if (view.State is MergeJobStates.Succeeded or MergeJobStates.Failed)
            {
                return (seen, view);
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id} did not finish: {view.State}");
            await Task.Delay(50);
        }
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<T>(Json))!;
}
