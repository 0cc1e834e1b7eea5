using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GraphFusion.GpuWorker.Batching;
using GraphFusion.GpuWorker.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.GpuWorker.Tests;

public sealed class DynamicBatchingQueueTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly GatedRunner runner = new();

    [Fact]
    public async Task Requests_that_queue_while_the_model_runs_go_together_and_each_gets_its_own_outputs()
    {
        // The ten requests below carry 19 inputs: a full batch goes at once, a lone first request too; either
        // waiting for the ten minutes would hang the test.
        var queue = await StartAsync(new BatchingOptions { MaxBatchSize = 19, MaxWaitMilliseconds = 600_000, QueueCapacity = 64 });
        Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue(["first"], CancellationToken.None, out var first));
        await runner.Started.WaitAsync(Patience);

        var pending = Enumerable.Range(0, 10).Select(i =>
        {
            var inputs = Enumerable.Range(0, (i % 3) + 1).Select(j => $"request {i} text {j} {new string('x', i)}").ToArray();
            Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue(inputs, CancellationToken.None, out var result));
            return (inputs, result);
        }).ToList();
        runner.Open();

        Assert.Equal(["5:first"], await first.WaitAsync(Patience));
        foreach (var (inputs, result) in pending)
        {
            Assert.Equal(inputs.Select(GatedRunner.Output), await result.WaitAsync(Patience));
        }

        Assert.Equal([1, pending.Sum(p => p.inputs.Length)], runner.BatchSizes);
    }

    [Fact]
    public async Task A_lone_request_on_an_idle_queue_runs_at_once_on_the_callers_thread()
    {
        // Waiting for company (ten minutes) or for the consumer would leave the results incomplete on return.
        var queue = await StartAsync(new BatchingOptions { MaxBatchSize = 32, MaxWaitMilliseconds = 600_000, QueueCapacity = 8 });
        runner.Open();
        var thread = Environment.CurrentManagedThreadId;
        foreach (var text in new[] { "one", "two", "three" })
        {
            Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue([text], CancellationToken.None, out var result));
            Assert.True(result.IsCompletedSuccessfully);
            Assert.Equal([GatedRunner.Output(text)], await result);
        }

        Assert.Equal([1, 1, 1], runner.BatchSizes);
        Assert.All(runner.Threads, t => Assert.Equal(thread, t));
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task After_a_batch_of_several_a_lone_request_waits_for_company()
    {
        var queue = await StartAsync(new BatchingOptions { MaxBatchSize = 2, MaxWaitMilliseconds = 600_000, QueueCapacity = 8 });
        Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue(["first"], CancellationToken.None, out var first));
        await runner.Started.WaitAsync(Patience);
        queue.TryEnqueue(["a"], CancellationToken.None, out var a);
        queue.TryEnqueue(["b"], CancellationToken.None, out var b);
        runner.Open();
        await Task.WhenAll(first, a, b).WaitAsync(Patience);

        // The last batch had two requests: the next lone one neither runs at once nor alone (it would only go alone
        // after the ten-minute wait); with company the batch is full and goes.
        queue.TryEnqueue(["c"], CancellationToken.None, out var c);
        Assert.False(c.IsCompleted);
        queue.TryEnqueue(["d"], CancellationToken.None, out var d);
        Assert.Equal(["1:c"], await c.WaitAsync(Patience));
        Assert.Equal(["1:d"], await d.WaitAsync(Patience));
        Assert.Equal([1, 2, 2], runner.BatchSizes);
    }

    [Fact]
    public async Task A_full_queue_refuses_and_shutdown_answers_what_was_queued()
    {
        var queue = await StartAsync(new BatchingOptions { MaxBatchSize = 8, MaxWaitMilliseconds = 0, QueueCapacity = 2 });
        Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue(["running"], CancellationToken.None, out var running));
        await runner.Started.WaitAsync(Patience);
        Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue(["a"], CancellationToken.None, out var a));
        Assert.Equal(EnqueueStatus.Accepted, queue.TryEnqueue(["b"], CancellationToken.None, out var b));
        Assert.Equal(EnqueueStatus.QueueFull, queue.TryEnqueue(["c"], CancellationToken.None, out _));
        Assert.Equal(2, queue.Pending);

        var stopping = queue.StopAsync(CancellationToken.None);
        Assert.Equal(EnqueueStatus.ShuttingDown, queue.TryEnqueue(["d"], CancellationToken.None, out _));
        runner.Open();
        await stopping.WaitAsync(Patience);

        Assert.Equal(["7:running"], await running);
        Assert.Equal(["1:a"], await a);
        Assert.Equal(["1:b"], await b);
    }

    [Fact]
    public async Task A_failing_batch_fails_its_requests_and_the_queue_goes_on()
    {
        var queue = await StartAsync(new BatchingOptions { MaxBatchSize = 8, MaxWaitMilliseconds = 0, QueueCapacity = 8 });
        runner.Open();
        queue.TryEnqueue([GatedRunner.Poison], CancellationToken.None, out var failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Patience));

        queue.TryEnqueue(["after"], CancellationToken.None, out var next);
        Assert.Equal(["5:after"], await next.WaitAsync(Patience));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Create(new BatchingOptions { QueueCapacity = 0 }));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Create(new BatchingOptions { MaxBatchSize = 0 }));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Create(new BatchingOptions { MaxWaitMilliseconds = -1 }));
    }

    public async ValueTask DisposeAsync()
    {
        runner.Open();
        await services.DisposeAsync();
    }

    private DynamicBatchingQueue<string, string> Create(BatchingOptions options) =>
        new(runner, Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance, services.GetRequiredService<IMeterFactory>());

    private async Task<DynamicBatchingQueue<string, string>> StartAsync(BatchingOptions options)
    {
        var queue = Create(options);
        await queue.StartAsync(CancellationToken.None);
        return queue;
    }

    /// <summary>A model that answers "length:text" for each input, records its batch sizes and threads, and holds its first batch until opened.</summary>
    private sealed class GatedRunner : IBatchRunner<string, string>
    {
        public const string Poison = "poison";
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<int> batchSizes = new();
        private readonly ConcurrentQueue<int> threads = new();

        public string Name => "test";

        public Task Started => started.Task;

        public IReadOnlyList<int> BatchSizes => [.. batchSizes];

        /// <summary>The managed thread each batch started on.</summary>
        public IReadOnlyList<int> Threads => [.. threads];

        public static string Output(string input) => $"{input.Length}:{input}";

        public void Open() => gate.TrySetResult();

        public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<string> inputs)
        {
            batchSizes.Enqueue(inputs.Count);
            threads.Enqueue(Environment.CurrentManagedThreadId);
            started.TrySetResult();
            await gate.Task;
            return inputs.Contains(Poison) ? throw new InvalidOperationException("the model failed") : [.. inputs.Select(Output)];
        }
    }
}
