using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Resilience.Tests;

/// <summary>
/// A loopback HTTP reverse proxy that answers a seeded share of requests itself: 429 with <c>x-ms-retry-after-ms</c>,
/// 503, or a dropped connection. Counts what it injected, so the retries that followed can be reported.
/// </summary>
internal sealed class FaultInjectingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Host", "Content-Length",
    };

    private readonly WebApplication app;
    private readonly HttpClient upstream = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 });
    private readonly Uri target;
    private readonly Random random;
    private readonly double throttleRate;
    private readonly double failRate;
    private readonly Func<HttpRequest, bool> eligible;
    private int requests;
    private int throttled;
    private int unavailable;
    private int dropped;

    private FaultInjectingProxy(Uri target, double throttleRate, double failRate, int seed, Func<HttpRequest, bool> eligible)
    {
        this.target = target;
        this.throttleRate = throttleRate;
        this.failRate = failRate;
        this.eligible = eligible;
        random = new Random(seed);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public Uri Endpoint { get; private set; } = null!;

    public int Requests => requests;

    public int Injected => throttled + unavailable + dropped;

    public string Describe() => $"{requests} requests, {Injected} faults injected ({throttled} x 429, {unavailable} x 503, {dropped} dropped)";

    /// <summary>Throttles <paramref name="throttleRate"/> of eligible requests; answers 503 to or drops <paramref name="failRate"/> of them (half each).</summary>
    public static async Task<FaultInjectingProxy> StartAsync(Uri target, double throttleRate, double failRate, int seed, Func<HttpRequest, bool> eligible)
    {
        for (var attempt = 1; ; attempt++)
        {
            var proxy = new FaultInjectingProxy(target, throttleRate, failRate, seed, eligible);
            try
            {
                await proxy.app.StartAsync();
                proxy.Endpoint = new Uri(proxy.app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
                return proxy;
            }
            catch (IOException) when (attempt < 3)
            {
                // The port the system picked was taken in the meantime: try another.
                await proxy.DisposeAsync();
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        var roll = 1.0;
        if (eligible(context.Request))
        {
            lock (random)
            {
                roll = random.NextDouble();
            }
        }

        if (roll < throttleRate)
        {
            Interlocked.Increment(ref throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers["x-ms-retry-after-ms"] = "20";
            context.Response.Headers["x-ms-substatus"] = "3200";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code":"TooManyRequests","message":"Request rate is large (injected)."}""");
            return;
        }

        if (roll < throttleRate + (failRate / 2))
        {
            Interlocked.Increment(ref unavailable);
            context.Response.StatusCode = 503;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code":"ServiceUnavailable","message":"Service is unavailable (injected)."}""");
            return;
        }

        if (roll < throttleRate + failRate)
        {
            Interlocked.Increment(ref dropped);
            context.Abort();
            return;
        }

        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, request.Path + request.QueryString));
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }
}
