using System.Net;
using GraphFusion.GpuWorker.Merging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Merging.Integration.Tests;

/// <summary>The real GPU worker on Kestrel (loopback, free port), with an API key and a models root.</summary>
public sealed class WorkerHost : WebApplicationFactory<MergeJobOptions>
{
    public const string ApiKey = "merge-test-key-3c1d";

    private readonly string modelsRoot;

    public WorkerHost(string modelsRoot)
    {
        this.modelsRoot = modelsRoot;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server; its base address.</summary>
    public Uri Start()
    {
        StartServer();
        using var client = CreateClient();
        return client.BaseAddress!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.UseSetting("Auth:ApiKey", ApiKey);
        builder.UseSetting("Merging:ModelsRoot", modelsRoot);
    }
}
