using System.Net.Http.Headers;
using System.Text.Json;

namespace GraphFusion.Workers;

/// <summary>
/// A JSON request body serialised up front, so that it goes out with a Content-Length in one write rather than chunked
/// as <c>PostAsJsonAsync</c> streams it: the worker reads it in one go, which matters when the model call is a few
/// milliseconds.
/// </summary>
internal static class JsonRequestContent
{
    public static ByteArrayContent Create<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
