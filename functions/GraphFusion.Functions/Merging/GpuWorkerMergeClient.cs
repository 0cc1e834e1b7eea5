using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GraphFusion.Workflows.Merging;

namespace GraphFusion.Functions.Merging;

/// <summary>
/// <see cref="IMergeJobClient"/> over the worker's <c>/v1/merges</c> endpoints (a typed HttpClient; the standard
/// resilience handler retries transient failures, and the idempotency key makes a retried POST safe).
/// </summary>
public sealed class GpuWorkerMergeClient(HttpClient http) : IMergeJobClient
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MergeSubmission> SubmitAsync(MergeJobRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/merges") { Content = JsonContent.Create(new { recipe = request.Recipe, output = request.Output }, options: Json) };
        message.Headers.Add(IdempotencyHeader, idempotencyKey);
        using var response = await http.SendAsync(message, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            var refusal = await response.Content.ReadFromJsonAsync<WorkerError>(Json, cancellationToken);
            return new MergeSubmission(null, refusal?.Error ?? $"the worker refused the recipe ({(int)response.StatusCode})", refusal?.Problems ?? []);
        }

        await EnsureSuccessAsync(response, cancellationToken);
        var job = await response.Content.ReadFromJsonAsync<MergeJobStatus>(Json, cancellationToken)
            ?? throw new InvalidDataException("the worker answered a merge submission with an empty body");
        return new MergeSubmission(job, null, []);
    }

    public async Task<MergeJobStatus?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"v1/merges/{Uri.EscapeDataString(jobId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<MergeJobStatus>(Json, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"GPU worker {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }

    private sealed record WorkerError(string? Error, string? Code, IReadOnlyList<string>? Problems);
}
