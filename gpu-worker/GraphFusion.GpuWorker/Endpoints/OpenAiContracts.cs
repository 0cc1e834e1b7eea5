using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphFusion.GpuWorker.Endpoints;

/// <summary>OpenAI embeddings request: <c>input</c> is a string or an array of strings.</summary>
public sealed class EmbeddingRequest
{
    [JsonPropertyName("input")]
    public JsonElement Input { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32).</summary>
    [JsonPropertyName("encoding_format")]
    public string? EncodingFormat { get; set; }

    /// <summary>Optional; only the model's own size (384) is accepted.</summary>
    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }
}

public sealed record EmbeddingResponse(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingData> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingUsage Usage);

/// <summary>One embedding; <see cref="Embedding"/> is a float array, or a base64 string when asked for.</summary>
public sealed record EmbeddingData(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] object Embedding);

public sealed record EmbeddingUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);

/// <summary>OpenAI error envelope.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorDetail Error)
{
    public static ErrorResponse Create(string message, string code, string type = "invalid_request_error", string? param = null) =>
        new(new ErrorDetail(message, type, param, code));
}

public sealed record ErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string Code);
