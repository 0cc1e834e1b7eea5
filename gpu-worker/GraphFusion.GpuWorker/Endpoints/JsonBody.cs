using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace GraphFusion.GpuWorker.Endpoints;

/// <summary>Reads the JSON request body of every endpoint within the size limit (413 beyond it, 400 for bad JSON); OpenAI-style errors.</summary>
internal static class JsonBody
{
    public static async Task<(T? Body, IResult? Failure)> ReadAsync<T>(HttpContext context, long maxBodyBytes, CancellationToken cancellationToken)
        where T : class
    {
        var tooLarge = Error(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {maxBodyBytes} bytes.", "request_too_large");
        if (context.Request.ContentLength > maxBodyBytes)
        {
            return (null, tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBodyBytes;
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, cancellationToken: cancellationToken);
            return body is null
                ? (null, Error(StatusCodes.Status400BadRequest, "The request body must be a JSON object.", "invalid_json"))
                : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
        catch (JsonException ex)
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"The request body is not valid JSON for this endpoint: {ex.Message}", "invalid_json"));
        }
    }

    /// <summary>A 200 answer with <paramref name="value"/> as JSON, sent with its length (see <see cref="BufferedJsonResult{T}"/>).</summary>
    public static IResult Ok<T>(T value) => new BufferedJsonResult<T>(value);

    public static IResult Error(int status, string message, string code, string? param = null, string type = "invalid_request_error") =>
        Results.Json(ErrorResponse.Create(message, code, type, param), statusCode: status);
}
