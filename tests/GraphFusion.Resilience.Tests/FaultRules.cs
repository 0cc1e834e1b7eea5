using Microsoft.AspNetCore.Http;

namespace GraphFusion.Resilience.Tests;

/// <summary>One kind of fault a <see cref="FaultInjectingProxy"/> answers with instead of forwarding, and the share of eligible requests it gets.</summary>
internal sealed record InjectedFault(string Name, double Rate, Func<HttpContext, Task> Respond)
{
    public static InjectedFault Status(string name, double rate, int status, string contentType, string body, params (string Name, string Value)[] headers) =>
        new(name, rate, async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (header, value) in headers)
            {
                context.Response.Headers[header] = value;
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    /// <summary>The connection is reset before any response: the client sees a transport error.</summary>
    public static InjectedFault Dropped(double rate) => new("dropped", rate, context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });
}

/// <summary>What a <see cref="FaultInjectingProxy"/> injects for one upstream service, and on which requests.</summary>
internal sealed record FaultRules(IReadOnlyList<InjectedFault> Faults, Func<HttpRequest, bool> Eligible)
{
    /// <summary>Cosmos DB: 429 with <c>x-ms-retry-after-ms</c> at <paramref name="throttleRate"/>; 503 and dropped connections at half of <paramref name="failRate"/> each.</summary>
    public static FaultRules Cosmos(double throttleRate, double failRate, Func<HttpRequest, bool> eligible) => new(
    [
        InjectedFault.Status("429", throttleRate, 429, "application/json", """{"code":"TooManyRequests","message":"Request rate is large (injected)."}""",
            ("x-ms-retry-after-ms", "20"), ("x-ms-substatus", "3200")),
        InjectedFault.Status("503", failRate / 2, 503, "application/json", """{"code":"ServiceUnavailable","message":"Service is unavailable (injected)."}"""),
        InjectedFault.Dropped(failRate / 2),
    ], eligible);

    /// <summary>
    /// Blob Storage: 503 Server Busy (with <c>Retry-After</c>, as the service sends when it throttles an account),
    /// 500 Internal Error and dropped connections, each at a third of <paramref name="failRate"/>.
    /// </summary>
    public static FaultRules BlobStorage(double failRate, Func<HttpRequest, bool> eligible) => new(
    [
        InjectedFault.Status("503", failRate / 3, 503, "application/xml", StorageError("ServerBusy", "The server is busy (injected)."),
            ("x-ms-error-code", "ServerBusy"), ("Retry-After", "1")),
        InjectedFault.Status("500", failRate / 3, 500, "application/xml", StorageError("InternalError", "The server encountered an internal error (injected)."),
            ("x-ms-error-code", "InternalError")),
        InjectedFault.Dropped(failRate / 3),
    ], eligible);

    private static string StorageError(string code, string message) =>
        $"""<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>""";
}
