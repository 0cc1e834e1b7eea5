using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace GraphFusion.Api;

/// <summary>Reads typed query parameters; a malformed number is a 400, not a silent default.</summary>
internal static class QueryParameters
{
    public static string? Text(this HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    public static bool TryInt(this HttpRequest request, string name, int fallback, out int value, out IResult? error)
    {
        error = null;
        var text = request.Text(name);
        if (text is null)
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = ApiResults.BadRequest($"query parameter '{name}' must be an integer");
        return false;
    }

    public static IReadOnlyList<string> List(this HttpRequest request, string name) =>
        [.. request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];
}
