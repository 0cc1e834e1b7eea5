namespace GraphFusion.GpuWorker;

/// <summary>The worker hosted inside another process (benchmarks): the same services and endpoints as the service itself.</summary>
public static class WorkerApplication
{
    /// <summary>Builds the worker with <paramref name="settings"/> over its defaults, listening on <paramref name="url"/>.</summary>
    public static WebApplication Create(IEnumerable<KeyValuePair<string, string?>> settings, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(url);
        builder.AddGpuWorker();
        var app = builder.Build();
        app.UseGpuWorker();
        return app;
    }
}
