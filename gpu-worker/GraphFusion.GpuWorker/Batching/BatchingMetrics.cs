using System.Diagnostics.Metrics;

namespace GraphFusion.GpuWorker.Batching;

/// <summary>
/// Metrics of one batching queue (meter <c>GraphFusion.GpuWorker.Batching</c>, tagged with the queue's name): requests
/// waiting, inputs per model call, time from enqueue to answer, and time in the model.
/// </summary>
internal sealed class BatchingMetrics
{
    public const string MeterName = "GraphFusion.GpuWorker.Batching";

    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> latency;
    private readonly Histogram<double> modelTime;

    public BatchingMetrics(IMeterFactory meters, string queue, Func<int> depth)
    {
        var meter = meters.Create(new MeterOptions(MeterName) { Tags = [new("queue", queue)] });
        meter.CreateObservableGauge("gpuworker.batching.queue.depth", depth, "{request}", "Requests waiting for the model");
        batchSize = meter.CreateHistogram<int>("gpuworker.batching.batch.size", "{input}", "Inputs per model call",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        latency = meter.CreateHistogram<double>("gpuworker.batching.request.duration", "s", "Time from enqueue to answer");
        modelTime = meter.CreateHistogram<double>("gpuworker.batching.batch.duration", "s", "Time of one model call");
    }

    public void RecordBatch(int inputs, TimeSpan elapsed)
    {
        batchSize.Record(inputs);
        modelTime.Record(elapsed.TotalSeconds);
    }

    public void RecordRequest(TimeSpan elapsed) => latency.Record(elapsed.TotalSeconds);
}
