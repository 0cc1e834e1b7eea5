using System.Runtime.InteropServices;
using System.Text.Json;
using GraphFusion.GpuWorker.Batching;
using GraphFusion.GpuWorker.Model;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Inference;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Endpoints;

internal static class EmbeddingEndpoints
{
    public static RouteHandlerBuilder MapEmbeddingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/embeddings", CreateEmbeddingsAsync)
            .WithName("CreateEmbeddings")
            .WithSummary("OpenAI-compatible embeddings (all-MiniLM-L6-v2, 384 dimensions, L2-normalised).")
            .Accepts<EmbeddingRequest>("application/json")
            .Produces<EmbeddingResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CreateEmbeddingsAsync(
        HttpContext context,
        DynamicBatchingQueue<string, EmbeddedText> queue,
        EncoderHost encoderHost,
        IOptions<LimitsOptions> limitsOptions)
    {
        var limits = limitsOptions.Value;
        var cancellationToken = context.RequestAborted;

        var (request, failure) = await JsonBody.ReadAsync<EmbeddingRequest>(context, limits.MaxRequestBodyBytes, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!TryGetInputs(request!.Input, out var inputs, out var inputError))
        {
            return JsonBody.Error(StatusCodes.Status400BadRequest, inputError, "invalid_input", "input");
        }

        if (inputs.Length > limits.MaxInputsPerRequest)
        {
            return JsonBody.Error(StatusCodes.Status400BadRequest,
                $"Too many inputs: {inputs.Length} in one request; at most {limits.MaxInputsPerRequest} are allowed. Split the request.",
                "too_many_inputs", "input");
        }

        if (!IsServedModel(request.Model))
        {
            return JsonBody.Error(StatusCodes.Status404NotFound,
                $"Model '{request.Model}' is not served here; use '{MiniLmEncoder.ModelName}'.", "model_not_found", "model");
        }

        var base64 = request.EncodingFormat?.ToLowerInvariant() switch
        {
            null or "" or "float" => false,
            "base64" => true,
            _ => (bool?)null,
        };
        if (base64 is null)
        {
            return JsonBody.Error(StatusCodes.Status400BadRequest, "encoding_format must be 'float' or 'base64'.", "invalid_encoding_format", "encoding_format");
        }

        if (request.Dimensions is { } dimensions && dimensions != MiniLmEncoder.EmbeddingDimensions)
        {
            return JsonBody.Error(StatusCodes.Status400BadRequest,
                $"This model has {MiniLmEncoder.EmbeddingDimensions} dimensions; 'dimensions' cannot change that.", "invalid_dimensions", "dimensions");
        }

        if (!encoderHost.IsReady)
        {
            context.Response.Headers.RetryAfter = "5";
            return JsonBody.Error(StatusCodes.Status503ServiceUnavailable, "The model is not ready yet.", "model_not_ready", type: "server_error");
        }

        if (QueueRejection.For(queue.TryEnqueue(inputs, cancellationToken, out var pending), context) is { } rejected)
        {
            return rejected;
        }

        var result = await pending;
        var data = new EmbeddingData[inputs.Length];
        var tokens = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var vector = result[i].Vector;
            data[i] = new EmbeddingData("embedding", i, base64.Value ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector);
            tokens += result[i].Tokens;
        }

        return JsonBody.Ok(new EmbeddingResponse("list", data, MiniLmEncoder.ModelName, new EmbeddingUsage(tokens, tokens)));
    }

    private static bool TryGetInputs(JsonElement input, out string[] inputs, out string error)
    {
        inputs = [];
        error = string.Empty;
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                inputs = [input.GetString()!];
                return true;
            case JsonValueKind.Array:
                var list = new List<string>(input.GetArrayLength());
                foreach (var element in input.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.String)
                    {
                        error = "'input' must be a string or an array of strings (token arrays are not supported).";
                        return false;
                    }

                    list.Add(element.GetString()!);
                }

                if (list.Count == 0)
                {
                    error = "'input' must not be an empty array.";
                    return false;
                }

                inputs = [.. list];
                return true;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                error = "'input' is required.";
                return false;
            default:
                error = "'input' must be a string or an array of strings.";
                return false;
        }
    }

    private static bool IsServedModel(string? model) =>
        string.IsNullOrWhiteSpace(model)
        || string.Equals(model, MiniLmEncoder.ModelName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(model, "sentence-transformers/" + MiniLmEncoder.ModelName, StringComparison.OrdinalIgnoreCase);
}
