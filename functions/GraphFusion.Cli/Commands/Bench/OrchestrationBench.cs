using System.Diagnostics;
using GraphFusion.Cli.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>Fan-out of no-op activities in the in-process durable host: the orchestration overhead per activity.</summary>
internal static class OrchestrationBench
{
    private const string FanOut = "BenchFanOut";
    private const string Noop = "BenchNoop";

    public static async Task<BenchSection> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var section = new BenchSection("orchestration");
        var activities = settings.Quick ? 200 : 1_000;
        section.Data["activities"] = activities;

        var lifted = await MeasureAsync("concurrency limit lifted (64)", StartLiftedAsync, activities, settings, cancellationToken);
        // The stock backend sleeps when saturated (about a quarter of a second per activity here), so it gets a smaller fan-out.
        var stockActivities = settings.Quick ? 20 : 100;
        section.Data["stockActivities"] = stockActivities;
        var stock = await MeasureAsync($"stock limit ({Environment.ProcessorCount} work items)", StartStockAsync, stockActivities, settings, cancellationToken);

        var liftedPer = section.Add("per-activity overhead, limit lifted", "µs", lifted.Select(s => s * 1e6 / activities));
        var stockPer = section.Add("per-activity overhead, stock limit", "µs", stock.Select(s => s * 1e6 / stockActivities));
        section.Add("fan-out wall time, limit lifted", "s", lifted);
        section.Add("fan-out wall time, stock limit", "s", stock);
        var liftedRate = activities / Stat.Of(lifted).Median;
        section.Markdown =
            $"""
            One orchestration schedules {activities:N0} no-op activities at once and waits for all of them, in the in-process
            durable host (in-memory backend behind a loopback gRPC sidecar, as `graphfusion ingest` runs the pipeline).
            Per-activity overhead = wall time / activities (the activity body does nothing).

            The stock backend runs a fan-out of {stockActivities:N0} (it sleeps when saturated; a larger fan-out only costs time).

            | backend limit | wall time (s) | per activity (µs) | activities/s |
            |---|---:|---:|---:|
            | lifted (`UnboundedInMemoryOrchestrationService`, 64) | {Stat.Of(lifted).Format("F3")} | {liftedPer.Value.Format("F0")} | {Measure.F(activities / Stat.Of(lifted).Median, "F0")} |
            | stock ({Environment.ProcessorCount} work items, sleeps when saturated) | {Stat.Of(stock).Format("F3")} | {stockPer.Value.Format("F0")} | {Measure.F(stockActivities / Stat.Of(stock).Median, "F0")} |
            """;
        section.Data["liftedActivitiesPerSecond"] = liftedRate;
        section.Guards.Add(new Guard(
            "lifted limit not slower than the stock limit by more than 2x",
            liftedPer.Value.Median <= 2 * stockPer.Value.Median,
            $"lifted {Measure.F(liftedPer.Value.Median, "F0")} µs vs stock {Measure.F(stockPer.Value.Median, "F0")} µs per activity"));
        section.Plots["orchestration.svg"] = Svg.Bars(
            $"Per-activity overhead, fan-out of {activities:N0} no-op activities",
            "µs per activity (lower is better)",
            [("limit lifted (64)", liftedPer.Value.Median, false), ($"stock limit ({Environment.ProcessorCount})", stockPer.Value.Median, true)]);
        return section;
    }

    private static async Task<List<double>> MeasureAsync(
        string label, Func<CancellationToken, Task<IAsyncDisposableHost>> start, int activities, BenchSettings settings, CancellationToken cancellationToken)
    {
        await using var host = await start(cancellationToken);
        await RunFanOutAsync(host.Client, 10, cancellationToken);
        var seconds = new List<double>();
        for (var run = 0; run < settings.Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await RunFanOutAsync(host.Client, activities, cancellationToken);
            seconds.Add(watch.Elapsed.TotalSeconds);
            settings.Log($"orchestration, {label}: run {run + 1}/{settings.Runs}: {watch.Elapsed.TotalSeconds:F2} s");
        }

        return seconds;
    }

    private static async Task RunFanOutAsync(DurableTaskClient client, int count, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(FanOut, count, cancellationToken);
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        var expected = (long)count * (count - 1) / 2;
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed || metadata.ReadOutputAs<long>() != expected)
        {
            throw new InvalidOperationException($"The fan-out orchestration ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        }
    }

    private static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<int, long>(FanOut, async (context, count) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<long>(Noop, i)));
            return results.Sum();
        });
        registry.AddActivityFunc<int, long>(Noop, (_, i) => Task.FromResult((long)i));
    }

    private static async Task<IAsyncDisposableHost> StartLiftedAsync(CancellationToken cancellationToken) =>
        new LocalHost(await LocalDurableHost.StartAsync(Register, 64, cancellationToken));

    private static async Task<IAsyncDisposableHost> StartStockAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddInMemoryDurableTask(Register);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new StockHost(host);
    }

    private interface IAsyncDisposableHost : IAsyncDisposable
    {
        DurableTaskClient Client { get; }
    }

    private sealed class LocalHost(LocalDurableHost host) : IAsyncDisposableHost
    {
        public DurableTaskClient Client => host.Client;

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }

    private sealed class StockHost(IHost host) : IAsyncDisposableHost
    {
        public DurableTaskClient Client { get; } = host.Services.GetRequiredService<DurableTaskClient>();

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }
    }
}
