namespace GraphFusion.GpuWorker.Batching;

/// <summary>Outcome of offering a request to a <see cref="DynamicBatchingQueue{TInput, TOutput}"/>.</summary>
public enum EnqueueStatus
{
    Accepted,

    /// <summary>The queue is at capacity: answer 429 and let the caller retry.</summary>
    QueueFull,

    /// <summary>The worker is shutting down and takes no new work.</summary>
    ShuttingDown,
}
