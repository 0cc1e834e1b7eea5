using System.Text.Json.Serialization;

namespace GraphFusion.Workers.Embeddings;

/// <summary>Body of <c>POST /v1/embeddings</c> (OpenAI shape); vectors come back as base64 of little-endian float32.</summary>
public sealed record EmbeddingsRequest(
    [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("encoding_format")] string EncodingFormat = "base64");

/// <summary>Answer of <c>POST /v1/embeddings</c>.</summary>
public sealed record EmbeddingsResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingItem> Data,
    [property: JsonPropertyName("model")] string Model);

/// <summary>One vector, at position <see cref="Index"/> of the request's inputs.</summary>
public sealed record EmbeddingItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] string Embedding);
