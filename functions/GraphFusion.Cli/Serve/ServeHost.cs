using System.Security.Cryptography;
using System.Text;
using GraphFusion.Api;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Export;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Storage;
using GraphFusion.Events;
using GraphFusion.Storage.Files;
using GraphFusion.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Cli.Serve;

/// <summary>
/// <c>graphfusion serve</c>: the HTTP API (the Functions app's handlers) over a local store, the viewer at <c>/</c>, the
/// orchestrations in-process (events, webhook deliveries with durable timers) and optionally a watched folder.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private const int Concurrency = 16;

    private readonly WebApplication app;
    private readonly LocalDurableHost durable;
    private readonly DirectoryWatcher? watcher;

    private ServeHost(WebApplication app, LocalDurableHost durable, DirectoryWatcher? watcher)
    {
        this.app = app;
        this.durable = durable;
        this.watcher = watcher;
    }

    /// <summary>The addresses actually bound (a port 0 request resolved).</summary>
    public IReadOnlyList<string> Addresses =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    public LocalDurableHost Durable => durable;

    public static async Task<ServeHost> StartAsync(IGraphStore store, ServeOptions options, CancellationToken cancellationToken)
    {
        if (LoopbackBinding.FirstRemote(options.Urls) is { } remote && (!options.AllowRemote || string.IsNullOrEmpty(options.ApiKey)))
        {
            throw new ArgumentException(options.AllowRemote
                ? $"--allow-remote needs an API key in {ServeOptions.ApiKeyVariable}"
                : $"{remote} is not a loopback address; pass --allow-remote (with {ServeOptions.ApiKeyVariable} set) to serve other machines");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        if (!options.AllowRemote)
        {
            builder.Configuration["AllowedHosts"] = "localhost;127.0.0.1;[::1]";
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Services.AddSingleton(store);
        builder.Services.AddGraphFusionApi(builder.Configuration);
        var app = builder.Build();
        if (options.AllowRemote)
        {
            app.Use(RequireKey(options.ApiKey!));
        }

        app.MapGraphFusionApi();
        app.MapGet("/", ViewerAsync);

        var activities = PipelineFactory.CreateActivities(store, new FileDocumentSource(), new StatisticalExtractor());
        var references = PipelineFactory.CreateReferenceActivities(store, new FileReferenceSource());
        var events = app.Services.GetRequiredService<EventActivities>();
        LocalDurableHost? durable = null;
        durable = await LocalDurableHost.StartAsync(
            registry => registry.AddGraphFusionPipeline(() => activities, () => events, () => new DurableDeliveryScheduler(durable!.Client), () => references),
            Concurrency,
            cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await durable.DisposeAsync();
            throw;
        }

        DirectoryWatcher? watcher = null;
        if (options.WatchDirectory is { } folder)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<DirectoryWatcher>();
            watcher = new DirectoryWatcher(folder, options.WatchDebounce, async (files, ct) =>
            {
                foreach (var outcome in await LocalPipelineRunner.IngestOnAsync(durable, files, ct))
                {
                    Console.WriteLine($"{outcome.Status,-9} {outcome.Name}{(outcome.Error is null ? "" : ": " + outcome.Error)}");
                }
            });
            watcher.Failed += ex => logger.LogError(ex, "Ingesting watched files failed");
            watcher.Changed(Path.GetFullPath(folder));
        }

        return new ServeHost(app, durable, watcher);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (watcher is not null)
        {
            await watcher.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        await durable.DisposeAsync();
    }

    private static async Task ViewerAsync(HttpContext context, IGraphStore store, CancellationToken cancellationToken)
    {
        var graph = await GraphSnapshot.LoadAsync(store, cancellationToken);
        using var buffer = new MemoryStream();
        HtmlViewerExporter.Write(graph, buffer, "GraphFusion graph");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.ToArray(), cancellationToken);
    }

    private static Func<HttpContext, RequestDelegate, Task> RequireKey(string key)
    {
        var expected = Encoding.UTF8.GetBytes(key);
        return (context, next) =>
        {
            var given = context.Request.Headers["x-functions-key"].ToString() is { Length: > 0 } header ? header : context.Request.Query["code"].ToString();
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
    }
}
