using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Resilience.Tests;

/// <summary>
/// A loopback HTTP reverse proxy that answers a seeded share of eligible requests itself with the faults of its
/// <see cref="FaultRules"/> (throttling, server errors, dropped connections) and forwards the rest. Counts what it
/// injected, so the retries that followed can be reported.
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
    private readonly FaultRules rules;
    private readonly int[] injected;
    private int requests;

    private FaultInjectingProxy(Uri target, FaultRules rules, int seed)
    {
        this.target = target;
        this.rules = rules;
        injected = new int[rules.Faults.Count];
        random = new Random(seed);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public Uri Endpoint { get; private set; } = null!;

    public int Requests => requests;

    public int Injected => injected.Sum();

    public string Describe() =>
        $"{requests} requests, {Injected} faults injected ({string.Join(", ", rules.Faults.Select((fault, i) => $"{injected[i]} x {fault.Name}"))})";

    /// <summary>Forwards to <paramref name="target"/> (the service root), injecting the faults of <paramref name="rules"/>, drawn from <paramref name="seed"/>.</summary>
    public static async Task<FaultInjectingProxy> StartAsync(Uri target, FaultRules rules, int seed)
    {
        for (var attempt = 1; ; attempt++)
        {
            var proxy = new FaultInjectingProxy(target, rules, seed);
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
        if (rules.Eligible(context.Request))
        {
            lock (random)
            {
                roll = random.NextDouble();
            }
        }

        var threshold = 0.0;
        for (var i = 0; i < rules.Faults.Count; i++)
        {
            threshold += rules.Faults[i].Rate;
            if (roll < threshold)
            {
                Interlocked.Increment(ref injected[i]);
                await rules.Faults[i].Respond(context);
                return;
            }
        }

        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, request.Path + request.QueryString));
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            // Storage refuses a chunked Put Blob: pass the length on.
            message.Content = new StreamContent(request.Body);
            message.Content.Headers.ContentLength = request.ContentLength;
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
