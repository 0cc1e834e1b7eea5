using Microsoft.AspNetCore.Http;

namespace GraphFusion.Api;

/// <summary>The API's error shape: <c>{"error": "..."}</c>.</summary>
public static class ApiResults
{
    public static IResult BadRequest(string error) => Results.BadRequest(new { error });

    public static IResult NotFound(string error) => Results.NotFound(new { error });
}
