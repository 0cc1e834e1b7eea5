using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Endpoints;

/// <summary>
/// A JSON answer serialised before the first byte goes out, so that it is sent with a Content-Length in one write
/// instead of chunked (what <c>Results.Json</c> does): the caller reads it in one go. The answers of the model endpoints
/// are small and fully built in memory anyway. Same serializer options as <c>Results.Json</c>.
/// </summary>
internal sealed class BufferedJsonResult<T>(T value) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var response = httpContext.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
