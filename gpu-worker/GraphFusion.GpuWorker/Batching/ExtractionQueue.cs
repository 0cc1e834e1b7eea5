using System.Diagnostics;
using System.Threading.Channels;
using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker.Model;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Inference.Extraction;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Batching;

/// <summary>
/// Dynamic batching for <c>/v1/extract</c>, with the <see cref="BatchingOptions"/> of the embeddings queue: the first
/// waiting request is joined by others for up to <see cref="BatchingOptions.MaxWaitMilliseconds"/> or until
/// <see cref="BatchingOptions.MaxBatchSize"/> chunks are gathered; their sentences go through the encoder together
/// and each request gets its own chunks' results. Queued requests are still answered on shutdown.
/// </summary>
public sealed partial class ExtractionQueue : BackgroundService
{
    private readonly Channel<WorkItem> _channel;
    private readonly ExtractorHost _extractorHost;
    private readonly BatchingOptions _options;
    private readonly ILogger<ExtractionQueue> _logger;
    private volatile bool _closed;

    public ExtractionQueue(ExtractorHost extractorHost, IOptions<BatchingOptions> options, ILogger<ExtractionQueue> logger)
    {
        _extractorHost = extractorHost;
        _options = options.Value;
        _logger = logger;
        _channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Offers <paramref name="chunks"/> for extraction without waiting for room in the queue.</summary>
    public EnqueueStatus TryEnqueue(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken, out Task<IReadOnlyList<ChunkExtraction>> result)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var item = new WorkItem([.. chunks], cancellationToken);
        result = item.Completion.Task;
        if (_closed)
        {
            item.Dispose();
            return EnqueueStatus.ShuttingDown;
        }

        if (_channel.Writer.TryWrite(item))
        {
            return EnqueueStatus.Accepted;
        }

        item.Dispose();
        return _closed ? EnqueueStatus.ShuttingDown : EnqueueStatus.QueueFull;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = stoppingToken.Register(() =>
        {
            _closed = true;
            _channel.Writer.TryComplete();
        });

        TrainedExtractor? extractor = null;
        var reader = _channel.Reader;
        var batch = new List<WorkItem>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            var chunks = 0;
            while (chunks < _options.MaxBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
                chunks += item.Chunks.Length;
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await GatherMoreAsync(batch, chunks).ConfigureAwait(false);
            try
            {
                extractor ??= await _extractorHost.Extractor.ConfigureAwait(false);
                Process(extractor, batch);
            }
            catch (Exception ex)
            {
                LogBatchFailed(ex, batch.Count);
                foreach (var item in batch)
                {
                    item.Completion.TrySetException(ex);
                }
            }
            finally
            {
                foreach (var item in batch)
                {
                    item.Dispose();
                }
            }
        }
    }

    private async Task GatherMoreAsync(List<WorkItem> batch, int chunks)
    {
        var reader = _channel.Reader;
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.MaxWaitMilliseconds * (Stopwatch.Frequency / 1000.0));
        while (chunks < _options.MaxBatchSize && !_closed)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                chunks += next.Chunks.Length;
                continue;
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(remaining);
            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Process(TrainedExtractor extractor, List<WorkItem> batch)
    {
        var live = batch.Where(item => !item.Completion.Task.IsCompleted).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var chunks = live.SelectMany(item => item.Chunks).ToList();
        var started = Stopwatch.GetTimestamp();
        var results = extractor.Extract(chunks);
        var offset = 0;
        foreach (var item in live)
        {
            item.Completion.TrySetResult(results.Skip(offset).Take(item.Chunks.Length).ToArray());
            offset += item.Chunks.Length;
        }

        LogBatch(live.Count, chunks.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Extracted {Requests} requests ({Chunks} chunks) in {ElapsedMs:F1} ms")]
    private partial void LogBatch(int requests, int chunks, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Extracting a batch of {Requests} requests failed")]
    private partial void LogBatchFailed(Exception exception, int requests);

    private sealed class WorkItem : IDisposable
    {
        private readonly CancellationTokenRegistration _registration;

        public WorkItem(ChunkInput[] chunks, CancellationToken cancellationToken)
        {
            Chunks = chunks;
            _registration = cancellationToken.Register(() => Completion.TrySetCanceled(cancellationToken));
        }

        public ChunkInput[] Chunks { get; }

        public TaskCompletionSource<IReadOnlyList<ChunkExtraction>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => _registration.Dispose();
    }
}
