using System.Net.Http.Json;
using GraphFusion.Core.Extraction;

namespace GraphFusion.Workers.Extraction;

/// <summary>Typed HttpClient for the worker's <c>/v1/extract</c> endpoints (base address: the worker's URL).</summary>
public sealed class WorkerExtractionClient(HttpClient http)
{
    public async Task<ExtractResponse> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var request = new ExtractRequest { Chunks = [.. chunks.Select(c => new ExtractChunk(c.ChunkId, c.Text))] };
        using var content = JsonRequestContent.Create(request);
        using var response = await http.PostAsync("v1/extract", content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ExtractResponse>(cancellationToken)
            ?? throw new InvalidDataException("the GPU worker answered /v1/extract with an empty body");
    }

    public async Task<ExtractModelInfo> GetModelAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("v1/extract/model", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ExtractModelInfo>(cancellationToken)
            ?? throw new InvalidDataException("the GPU worker answered /v1/extract/model with an empty body");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"GPU worker {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }
}
