using GraphFusion.Merging.Execution;

namespace GraphFusion.Merging.Gpu;

/// <summary>Where the element-wise merge math runs.</summary>
public enum MergeAccelerator
{
    /// <summary>CUDA when ILGPU finds a CUDA device, otherwise the CPU SIMD kernel.</summary>
    Auto,
    /// <summary>The CPU SIMD kernel.</summary>
    Cpu,
    /// <summary>The ILGPU kernel on the first CUDA device; fails when there is none.</summary>
    Cuda,
    /// <summary>The ILGPU kernel on ILGPU's CPU accelerator (slow; to verify the GPU kernel without a GPU).</summary>
    IlgpuCpu,
}

/// <summary>Parses accelerator names and creates the matching <see cref="IMergeKernel"/>.</summary>
public static class MergeAccelerators
{
    /// <summary>The names accepted by <see cref="TryParse"/>, for help and error texts.</summary>
    public const string Names = "auto|cpu|cuda|ilgpu-cpu";

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>ilgpu-cpu</c> (case-insensitive).</summary>
    public static bool TryParse(string? text, out MergeAccelerator accelerator)
    {
        MergeAccelerator? parsed = text?.Trim().ToLowerInvariant() switch
        {
            "auto" => MergeAccelerator.Auto,
            "cpu" => MergeAccelerator.Cpu,
            "cuda" => MergeAccelerator.Cuda,
            "ilgpu-cpu" => MergeAccelerator.IlgpuCpu,
            _ => null,
        };
        accelerator = parsed ?? MergeAccelerator.Auto;
        return parsed is not null;
    }

    /// <summary>
    /// The kernel for <paramref name="accelerator"/>. ILGPU kernels hold a device context: dispose the result
    /// when it is <see cref="IDisposable"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="MergeAccelerator.Cuda"/> was asked for and ILGPU finds no CUDA device.</exception>
    public static IMergeKernel Create(MergeAccelerator accelerator, int blockElements = IlgpuMergeKernel.DefaultBlockElements) => accelerator switch
    {
        MergeAccelerator.Cpu => CpuSimdMergeKernel.Instance,
        MergeAccelerator.IlgpuCpu => IlgpuMergeKernel.CreateCpu(blockElements),
        MergeAccelerator.Cuda => IlgpuMergeKernel.TryCreateCuda(blockElements)
            ?? throw new InvalidOperationException("no CUDA device found (ILGPU sees no GPU or no NVIDIA driver)"),
        _ => (IMergeKernel?)IlgpuMergeKernel.TryCreateCuda(blockElements) ?? CpuSimdMergeKernel.Instance,
    };
}
