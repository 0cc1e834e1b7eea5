using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Workers.Extraction;

namespace GraphFusion.GpuWorker.Endpoints;

/// <summary>Checks a <c>/v1/extract</c> body against the limits and turns it into chunks (ids default to positions).</summary>
internal static class ExtractRequestValidator
{
    public static IResult? Validate(ExtractRequest request, LimitsOptions limits, out IReadOnlyList<ChunkInput> chunks)
    {
        chunks = [];
        if (request.Texts is not null && request.Chunks is not null)
        {
            return Invalid("Send either 'texts' or 'chunks', not both.", "invalid_input", "texts");
        }

        var list = request.Chunks?.Select((c, i) => new ChunkInput(c?.Id ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture), c?.Text!)).ToList()
            ?? request.Texts?.Select((t, i) => new ChunkInput(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t)).ToList();
        var param = request.Chunks is null ? "texts" : "chunks";
        if (list is null || list.Count == 0)
        {
            return Invalid("'texts' (an array of strings) or 'chunks' (an array of {id, text}) is required and must not be empty.", "invalid_input", param);
        }

        if (list.Any(c => c.Text is null))
        {
            return Invalid($"Every item of '{param}' needs a text.", "invalid_input", param);
        }

        if (list.Count > limits.MaxExtractTextsPerRequest)
        {
            return Invalid($"Too many texts: {list.Count} in one request; at most {limits.MaxExtractTextsPerRequest} are allowed. Split the request.", "too_many_inputs", param);
        }

        var characters = list.Sum(c => (long)c.Text.Length);
        if (characters > limits.MaxExtractCharsPerRequest)
        {
            return JsonBody.Error(StatusCodes.Status413PayloadTooLarge,
                $"The texts have {characters} characters together; at most {limits.MaxExtractCharsPerRequest} are allowed in one request. Split the request.", "too_many_characters", param);
        }

        chunks = list;
        return null;
    }

    private static IResult Invalid(string message, string code, string param) =>
        JsonBody.Error(StatusCodes.Status400BadRequest, message, code, param);
}
