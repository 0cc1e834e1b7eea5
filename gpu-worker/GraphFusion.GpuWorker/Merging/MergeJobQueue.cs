using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>A bounded queue of merge jobs drained by <see cref="MergeJobOptions.Workers"/> background loops.</summary>
internal sealed class MergeJobQueue(MergeJobRunner runner, IOptions<MergeJobOptions> options) : BackgroundService
{
    private readonly Channel<MergeJob> channel = Channel.CreateBounded<MergeJob>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    public bool TryEnqueue(MergeJob job) => channel.Writer.TryWrite(job);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => DrainAsync(stoppingToken), CancellationToken.None)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in channel.Reader.ReadAllAsync(stoppingToken))
            {
                await runner.RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued jobs are lost with the process, like the rest of the in-memory history.
        }
    }
}
