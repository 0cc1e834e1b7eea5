using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using GraphFusion.GpuWorker.Options;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Batching;

/// <summary>
/// Dynamic batching in front of a model: requests wait in a bounded channel (full: <see cref="EnqueueStatus.QueueFull"/>,
/// which the endpoints answer with 429 and Retry-After); one consumer takes the waiting requests, lets others join until
/// <see cref="BatchingOptions.MaxBatchSize"/> inputs are gathered or the oldest has waited
/// <see cref="BatchingOptions.MaxWaitMilliseconds"/> since it arrived, runs all their inputs through the
/// <see cref="IBatchRunner{TInput, TOutput}"/> in one call and hands each request its own slice of the outputs.
/// While the model runs, the next batch forms in the channel: requests that waited through a run go at once.
/// A lone request after a lone request (one client) does not wait for company that is not coming; when, moreover,
/// nothing is waiting and no batch is running, it runs at once on the caller's thread (the idle fast path): no wait, no
/// hand-off to the consumer and back, so a lone caller pays nothing for batching.
/// On shutdown no new requests are taken and those already queued are still answered.
/// </summary>
public sealed partial class DynamicBatchingQueue<TInput, TOutput> : IHostedService
{
    private readonly Channel<WorkItem> _channel;
    private readonly IBatchRunner<TInput, TOutput> _runner;
    private readonly BatchingOptions _options;
    private readonly ILogger _logger;
    private readonly BatchingMetrics _metrics;

    // Held while a batch runs, by the consumer or by a caller on the idle fast path: one model call at a time.
    private readonly SemaphoreSlim _running = new(1, 1);
    private volatile bool _closed;
    private Task _consumer = Task.CompletedTask;

    // Requests in the last batch that ran; after a batch of several, a lone request waits for company.
    private volatile int _previousRequests;

    public DynamicBatchingQueue(IBatchRunner<TInput, TOutput> runner, IOptions<BatchingOptions> options, ILoggerFactory loggers, IMeterFactory meters)
    {
        _runner = runner;
        _options = options.Value;
        _logger = loggers.CreateLogger($"GraphFusion.GpuWorker.Batching.{runner.Name}");
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
        _metrics = new BatchingMetrics(meters, runner.Name, () => Pending);
    }

    /// <summary>Requests waiting for the model.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>Offers <paramref name="inputs"/> without waiting for room in the queue; <paramref name="result"/> completes with one output per input.</summary>
    public EnqueueStatus TryEnqueue(IReadOnlyList<TInput> inputs, CancellationToken cancellationToken, out Task<IReadOnlyList<TOutput>> result)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var item = new WorkItem([.. inputs], cancellationToken);
        result = item.Completion.Task;
        if (_closed)
        {
            item.Dispose();
            return EnqueueStatus.ShuttingDown;
        }

        if (_previousRequests <= 1 && _channel.Reader.Count == 0 && _running.Wait(0))
        {
            // Idle: nothing waits and nothing runs, so this request is the whole batch. A runner that completes
            // synchronously (the models do) has answered it before TryEnqueue returns.
            _ = RunIdleAsync(item);
            return EnqueueStatus.Accepted;
        }

        if (_channel.Writer.TryWrite(item))
        {
            return EnqueueStatus.Accepted;
        }

        item.Dispose();
        return _closed ? EnqueueStatus.ShuttingDown : EnqueueStatus.QueueFull;
    }

    /// <summary>Starts the consumer that forms and runs the batches.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _consumer = Task.Run(ConsumeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes no new requests from now on, then waits until those already queued or running are answered (or until
    /// <paramref name="cancellationToken"/>, the host's shutdown timeout, gives up waiting).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        await Task.WhenAny(_consumer, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Runs until the queue is closed and drained; the queued requests are answered whenever the consumer gets to start.</summary>
    private async Task ConsumeAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<WorkItem>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await _running.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                batch.Clear();
                var inputs = 0;
                while (inputs < _options.MaxBatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                    inputs += item.Inputs.Length;
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                if (batch.Count > 1 || _previousRequests > 1)
                {
                    await GatherMoreAsync(batch, inputs).ConfigureAwait(false);
                }

                _previousRequests = batch.Count;
                await RunGuardedAsync(batch).ConfigureAwait(false);
            }
            finally
            {
                _running.Release();
            }
        }

        // A request on the idle fast path may still be running: wait for it before the model can go away.
        await _running.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        _running.Release();
        LogDrained(_runner.Name);
    }

    private void Close()
    {
        _closed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>The idle fast path: runs one request on the caller's thread; <see cref="_running"/> is held and released here.</summary>
    private async Task RunIdleAsync(WorkItem item)
    {
        try
        {
            _previousRequests = 1;
            await RunGuardedAsync([item]).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Runs a batch; a failure fails its requests (the queue goes on), and every request's registration is released.</summary>
    private async Task RunGuardedAsync(List<WorkItem> batch)
    {
        try
        {
            await RunAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogBatchFailed(ex, _runner.Name, batch.Count);
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

    /// <summary>Lets more requests join until the batch is full or the oldest one has waited long enough since it arrived.</summary>
    private async Task GatherMoreAsync(List<WorkItem> batch, int inputs)
    {
        var reader = _channel.Reader;
        var deadline = batch[0].EnqueuedAt + (long)(_options.MaxWaitMilliseconds * (Stopwatch.Frequency / 1000.0));
        while (inputs < _options.MaxBatchSize && !_closed)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                inputs += next.Inputs.Length;
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

    private async Task RunAsync(List<WorkItem> batch)
    {
        var live = batch.Where(item => !item.Completion.Task.IsCompleted).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var inputs = new List<TInput>();
        foreach (var item in live)
        {
            inputs.AddRange(item.Inputs);
        }

        var started = Stopwatch.GetTimestamp();
        var outputs = await _runner.RunAsync(inputs).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var offset = 0;
        foreach (var item in live)
        {
            var slice = new TOutput[item.Inputs.Length];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = outputs[offset + i];
            }

            offset += slice.Length;
            if (item.Completion.TrySetResult(slice))
            {
                _metrics.RecordRequest(Stopwatch.GetElapsedTime(item.EnqueuedAt));
            }
        }

        _metrics.RecordBatch(inputs.Count, elapsed);
        LogBatch(_runner.Name, live.Count, inputs.Count, elapsed.TotalMilliseconds, Pending);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: ran {Requests} requests ({Inputs} inputs) in {ElapsedMs:F1} ms; {Pending} waiting")]
    private partial void LogBatch(string queue, int requests, int inputs, double elapsedMs, int pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: a batch of {Requests} requests failed")]
    private partial void LogBatchFailed(Exception exception, string queue, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: batching queue drained and stopped")]
    private partial void LogDrained(string queue);

    private sealed class WorkItem : IDisposable
    {
        private readonly CancellationTokenRegistration _registration;

        public WorkItem(TInput[] inputs, CancellationToken cancellationToken)
        {
            Inputs = inputs;
            _registration = cancellationToken.Register(() => Completion.TrySetCanceled(cancellationToken));
        }

        public TInput[] Inputs { get; }

        public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<IReadOnlyList<TOutput>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => _registration.Dispose();
    }
}
