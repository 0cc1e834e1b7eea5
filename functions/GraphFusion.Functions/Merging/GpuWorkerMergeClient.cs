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

    public async Task<Stream> OpenOutputFileAsync(string jobId, string path, CancellationToken cancellationToken)
    {
        var segments = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var response = await http.GetAsync($"v1/merges/{Uri.EscapeDataString(jobId)}/files/{segments}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return new ResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"GPU worker {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }

    /// <summary>The body of a streamed response; disposing it disposes the response.</summary>
    private sealed class ResponseStream(Stream body, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => body.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => body.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            body.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            body.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed record WorkerError(string? Error, string? Code, IReadOnlyList<string>? Problems);
}
