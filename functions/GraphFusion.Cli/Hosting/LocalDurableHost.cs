using DurableTask.Core;
using GraphFusion.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Cli.Hosting;

/// <summary>The pipeline's orchestrations in this process: an in-memory Durable Task backend behind a loopback gRPC sidecar.</summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly IHost host;

    private LocalDurableHost(IHost host)
    {
        this.host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public static Task<LocalDurableHost> StartAsync(PipelineActivities activities, int concurrency, CancellationToken cancellationToken, ReferenceActivities? references = null) =>
        StartAsync(registry => registry.AddGraphFusionPipeline(() => activities, references: references is null ? null : () => references), concurrency, cancellationToken);

    /// <summary>A host running whatever <paramref name="register"/> adds (e.g. the merge orchestration).</summary>
    public static async Task<LocalDurableHost> StartAsync(Action<DurableTaskRegistry> register, int concurrency, CancellationToken cancellationToken)
    {
        // The in-memory sidecar picks a free loopback port and binds it a moment later; another process can take the port
        // in between, so a bind failure is retried with a fresh pick.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(register, concurrency, cancellationToken);
            }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private static async Task<LocalDurableHost> StartOnceAsync(Action<DurableTaskRegistry> register, int concurrency, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddInMemoryDurableTask(register);

        builder.Services.RemoveAll(typeof(InMemoryOrchestrationService), typeof(IOrchestrationService), typeof(IOrchestrationServiceClient));
        builder.Services.AddSingleton<InMemoryOrchestrationService>(sp => new UnboundedInMemoryOrchestrationService(sp.GetRequiredService<ILoggerFactory>(), concurrency));
        builder.Services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<InMemoryOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<InMemoryOrchestrationService>());

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new LocalDurableHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }
}

internal static class ServiceCollectionRemoval
{
    public static void RemoveAll(this IServiceCollection services, params Type[] types)
    {
        foreach (var descriptor in services.Where(d => types.Contains(d.ServiceType)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
