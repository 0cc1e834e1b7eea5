namespace GraphFusion.Merging.Gpu.Tests;

/// <summary>One ILGPU CPU accelerator for all tests (creating one compiles the kernel); small blocks, so tensors span several.</summary>
public sealed class IlgpuKernelFixture : IDisposable
{
    public const int BlockElements = 4099;

    public IlgpuMergeKernel Kernel { get; } = IlgpuMergeKernel.CreateCpu(BlockElements);

    public void Dispose() => Kernel.Dispose();
}
