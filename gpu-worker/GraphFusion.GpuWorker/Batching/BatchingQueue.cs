using System.Diagnostics;
using System.Threading.Channels;
using GraphFusion.GpuWorker.Model;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Inference;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Batching;

/// <summary>Outcome of offering a request to the <see cref="BatchingQueue"/>.</summary>
public enum EnqueueStatus
{
    Accepted,

    /// <summary>The queue is at capacity: answer 429 and let the caller retry.</summary>
    QueueFull,

    /// <summary>The worker is shutting down and takes no new work.</summary>
    ShuttingDown,
}

/// <summary>
/// Dynamic batching: requests wait in a bounded channel; one consumer takes the first waiting
/// request, lets others join for up to <see cref="BatchingOptions.MaxWaitMilliseconds"/> or until
/// <see cref="BatchingOptions.MaxBatchSize"/> texts are gathered, runs them through the encoder in
/// one call (which orders the texts by token count so that batches carry little padding) and hands
/// each request its own slice of the result through its <see cref="TaskCompletionSource{T}"/>.
/// On shutdown no new requests are taken and those already queued are still answered.
/// </summary>
public sealed partial class BatchingQueue : BackgroundService
{
    private readonly Channel<WorkItem> _channel;
    private readonly EncoderHost _encoderHost;
    private readonly BatchingOptions _options;
    private readonly ILogger<BatchingQueue> _logger;
    private volatile bool _closed;

    public BatchingQueue(EncoderHost encoderHost, IOptions<BatchingOptions> options, ILogger<BatchingQueue> logger)
    {
        _encoderHost = encoderHost;
        _options = options.Value;
        _logger = logger;
        if (_options.QueueCapacity < 1 || _options.MaxBatchSize < 1 || _options.MaxWaitMilliseconds < 0)
        {
            throw new OptionsValidationException(BatchingOptions.Section, typeof(BatchingOptions),
                ["Batching:QueueCapacity and Batching:MaxBatchSize must be at least 1; Batching:MaxWaitMilliseconds must not be negative."]);
        }

        _channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Requests waiting for the model.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>Offers <paramref name="texts"/> for embedding without waiting for room in the queue.</summary>
    public EnqueueStatus TryEnqueue(IReadOnlyList<string> texts, CancellationToken cancellationToken, out Task<EmbeddingResult> result)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var item = new WorkItem([.. texts], cancellationToken);
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

        MiniLmEncoder? encoder = null;
        var reader = _channel.Reader;
        var batch = new List<WorkItem>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            var texts = 0;
            while (texts < _options.MaxBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
                texts += item.Texts.Length;
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await GatherMoreAsync(batch, texts).ConfigureAwait(false);

            try
            {
                encoder ??= await _encoderHost.Model.ConfigureAwait(false);
                Process(encoder, batch);
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

        LogDrained();
    }

    /// <summary>Lets more requests join until the batch is full or the first one has waited long enough.</summary>
    private async Task GatherMoreAsync(List<WorkItem> batch, int texts)
    {
        var reader = _channel.Reader;
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.MaxWaitMilliseconds * (Stopwatch.Frequency / 1000.0));
        while (texts < _options.MaxBatchSize && !_closed)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                texts += next.Texts.Length;
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

    private void Process(MiniLmEncoder encoder, List<WorkItem> batch)
    {
        var live = batch.Where(item => !item.Completion.Task.IsCompleted).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var texts = new List<string>();
        foreach (var item in live)
        {
            texts.AddRange(item.Texts);
        }

        var started = Stopwatch.GetTimestamp();
        var result = encoder.EmbedWithTokenCounts(texts);
        var offset = 0;
        foreach (var item in live)
        {
            var count = item.Texts.Length;
            item.Completion.TrySetResult(new EmbeddingResult(
                result.Embeddings[offset..(offset + count)],
                result.TokenCounts[offset..(offset + count)]));
            offset += count;
        }

        LogBatch(live.Count, texts.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Pending);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded {Requests} requests ({Texts} texts) in {ElapsedMs:F1} ms; {Pending} waiting")]
    private partial void LogBatch(int requests, int texts, double elapsedMs, int pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding a batch of {Requests} requests failed")]
    private partial void LogBatchFailed(Exception exception, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batching queue drained and stopped")]
    private partial void LogDrained();

    private sealed class WorkItem : IDisposable
    {
        private readonly CancellationTokenRegistration _registration;

        public WorkItem(string[] texts, CancellationToken cancellationToken)
        {
            Texts = texts;
            _registration = cancellationToken.Register(() => Completion.TrySetCanceled(cancellationToken));
        }

        public string[] Texts { get; }

        public TaskCompletionSource<EmbeddingResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => _registration.Dispose();
    }
}
