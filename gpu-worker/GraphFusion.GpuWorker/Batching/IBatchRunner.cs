namespace GraphFusion.GpuWorker.Batching;

/// <summary>The model behind a <see cref="DynamicBatchingQueue{TInput, TOutput}"/>: runs the inputs of many requests in one call.</summary>
public interface IBatchRunner<TInput, TOutput>
{
    /// <summary>Names the queue in logs and metrics (<c>embeddings</c>, <c>extract</c>).</summary>
    string Name { get; }

    /// <summary>
    /// One output per input, in input order. Waits for the model to load (and fails if it could not); orders the inputs
    /// by length internally so that each model call carries little padding.
    /// </summary>
    Task<IReadOnlyList<TOutput>> RunAsync(IReadOnlyList<TInput> inputs);
}
