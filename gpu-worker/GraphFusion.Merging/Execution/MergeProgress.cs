using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>Progress of a running merge.</summary>
/// <param name="TensorsDone">Output tensors written.</param>
/// <param name="TensorsTotal">Output tensors planned.</param>
/// <param name="BytesRead">Input bytes read so far.</param>
/// <param name="BytesWritten">Tensor bytes written so far.</param>
/// <param name="CurrentTensor">Last tensor (or module) written.</param>
public sealed record MergeProgress(int TensorsDone, int TensorsTotal, long BytesRead, long BytesWritten, string? CurrentTensor);

/// <summary>The outcome of a merge.</summary>
/// <param name="OutputDirectory">Where the output was written.</param>
/// <param name="OutputKind">Checkpoint or adapter.</param>
/// <param name="Files">Files written with size and SHA-256.</param>
/// <param name="Method">merge_method used.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="TensorsWritten">Output tensors written.</param>
/// <param name="TensorsSkipped">Tensors left out by the mismatch rule.</param>
/// <param name="BytesRead">Input bytes read.</param>
/// <param name="ReconstructionError">Adapter output only: relative Frobenius error √(Σ‖Δ − B′A′‖²/Σ‖Δ‖²) over all modules.</param>
/// <param name="MaxModuleReconstructionError">Adapter output only: the largest per-module relative error.</param>
public sealed record MergeResult(
    string OutputDirectory, MergeOutputKind OutputKind, IReadOnlyList<OutputFile> Files, string Method, TimeSpan Elapsed,
    int TensorsWritten, int TensorsSkipped, long BytesRead, double? ReconstructionError, double? MaxModuleReconstructionError);

/// <summary>Execution settings.</summary>
/// <param name="MaxDegreeOfParallelism">Tensors computed concurrently, and chunks of one tensor computed concurrently.</param>
/// <param name="ReadAhead">Finished tensors that may wait for the writer.</param>
public sealed record MergeEngineOptions(int MaxDegreeOfParallelism, int ReadAhead)
{
    /// <summary>Default <see cref="MemoryBudgetBytes"/>: 512 MiB.</summary>
    public const long DefaultMemoryBudgetBytes = 512L << 20;

    /// <summary>min(processors, 4) workers, a read-ahead of 2 and the default memory budget.</summary>
    public static MergeEngineOptions Default { get; } = new(Math.Clamp(Environment.ProcessorCount, 1, 4), 2);

    /// <summary>
    /// Bytes the tensors in flight (inputs as stored, outputs, float working copies on the general path) may hold
    /// at once; an item waits until its bytes fit. A single item larger than the budget runs alone.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudgetBytes;

    /// <summary>Buffer pool to use (one per merge when null); lets callers observe the bytes rented.</summary>
    public Buffers.TensorBufferPool? BufferPool { get; init; }

    /// <summary>Bytes of each input read at a time when a large tensor is merged slice by slice (see <see cref="TensorComputer"/>).</summary>
    internal long StreamingSliceBytes { get; init; } = TensorComputer.DefaultSliceBytesPerInput;

    /// <summary>Kernel for the element-wise methods on the streaming path (default: the CPU SIMD kernel).</summary>
    public IMergeKernel Kernel { get; init; } = CpuSimdMergeKernel.Instance;
}
