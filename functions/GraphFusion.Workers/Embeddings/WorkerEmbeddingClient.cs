using System.Net.Http.Json;

namespace GraphFusion.Workers.Embeddings;

/// <summary>Typed HttpClient for the worker's <c>/v1/embeddings</c> endpoint (base address: the worker's URL).</summary>
public sealed class WorkerEmbeddingClient(HttpClient http)
{
    public async Task<EmbeddingsResponse> EmbedAsync(IReadOnlyList<string> texts, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var content = JsonRequestContent.Create(new EmbeddingsRequest(texts, model));
        using var response = await http.PostAsync("v1/embeddings", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"GPU worker POST {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<EmbeddingsResponse>(cancellationToken)
            ?? throw new InvalidDataException("the GPU worker answered /v1/embeddings with an empty body");
    }
}
