using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>Reads a submission: a JSON body <c>{"recipe": "...", "output": "name"}</c>, or the recipe YAML itself with <c>?output=name</c>.</summary>
internal static partial class MergeRequestReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(MergeJobRequest? Request, string? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, $"The recipe exceeds {maxBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, $"The recipe exceeds {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        var isJson = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        MergeJobRequest? parsed;
        if (isJson)
        {
            try
            {
                parsed = JsonSerializer.Deserialize<MergeJobRequest>(buffer.ToArray(), Json);
            }
            catch (JsonException ex)
            {
                return (null, $"The body is not valid JSON: {ex.Message}");
            }
        }
        else
        {
            parsed = new MergeJobRequest(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), request.Query["output"].FirstOrDefault());
        }

        if (string.IsNullOrWhiteSpace(parsed?.Recipe))
        {
            return (null, "The recipe is empty: send the YAML as the body, or JSON {\"recipe\": \"...\", \"output\": \"name\"}.");
        }

        if (parsed.Output is { } output && !IsValidOutputName(output))
        {
            return (null, $"'output' must be a folder name of letters, digits, '.', '_' or '-' (at most 100 characters, not '.' or '..'); got '{output}'.");
        }

        return (parsed, null);
    }

    public static bool IsValidOutputName(string name) => OutputName().IsMatch(name) && name is not "." and not "..";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex OutputName();
}
