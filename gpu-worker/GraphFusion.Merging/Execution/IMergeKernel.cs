using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>
/// Evaluates the element-wise methods (linear, task arithmetic, TIES, DARE linear, DARE TIES) over one tensor on
/// the streaming path. <see cref="CpuSimdMergeKernel"/> is the default; other implementations (GPU kernels) live in
/// their own assemblies so that CPU-only users do not load them, and are chosen through
/// <see cref="MergeEngineOptions.Kernel"/>. Every implementation must give the CPU kernel's results within float tolerance.
/// </summary>
public interface IMergeKernel
{
    /// <summary>Short name of the implementation and the device it runs on, reported with merge results.</summary>
    string Name { get; }

    /// <summary>
    /// Merges one tensor: <paramref name="models"/> (and <paramref name="baseTensor"/> when the spec uses a base)
    /// into <paramref name="output"/>, encoded as <paramref name="outputType"/>. The DARE random stream is the
    /// SplitMix64 stream of (<paramref name="seed"/>, <paramref name="tensorName"/>, model index).
    /// </summary>
    internal void Run(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
        SafeTensorsDType outputType, string tensorName, ulong seed, int maxDegreeOfParallelism);
}

/// <summary>The CPU kernel: <see cref="FusedMergeKernel"/>, chunked and vectorised with System.Numerics.Tensors.</summary>
public sealed class CpuSimdMergeKernel : IMergeKernel
{
    private CpuSimdMergeKernel()
    {
    }

    /// <summary>The single instance.</summary>
    public static CpuSimdMergeKernel Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "cpu-simd";

    void IMergeKernel.Run(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
        SafeTensorsDType outputType, string tensorName, ulong seed, int maxDegreeOfParallelism) =>
        FusedMergeKernel.Run(spec, baseTensor, models, output, outputType, tensorName, seed, maxDegreeOfParallelism);
}
