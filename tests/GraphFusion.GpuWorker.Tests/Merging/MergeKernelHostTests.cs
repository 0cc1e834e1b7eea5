using GraphFusion.GpuWorker.Merging;
using GraphFusion.Merging.Execution;

namespace GraphFusion.GpuWorker.Tests.Merging;

public sealed class MergeKernelHostTests
{
    private static MergeKernelHost Host(string accelerator) =>
        new(Microsoft.Extensions.Options.Options.Create(new MergeJobOptions { ModelsRoot = "/models", Accelerator = accelerator }));

    [Fact]
    public void Cpu_selects_the_simd_kernel()
    {
        using var host = Host("cpu");
        Assert.Same(CpuSimdMergeKernel.Instance, host.Kernel);
        Assert.Equal(new MergeAcceleratorView("cpu", "cpu-simd", null, null), host.Describe());
    }

    [Fact]
    public void Ilgpu_cpu_selects_the_ilgpu_kernel_on_the_cpu_accelerator_and_names_the_device()
    {
        using var host = Host("ilgpu-cpu");
        var view = host.Describe();
        Assert.Equal("ilgpu-cpu", view.Kernel);
        Assert.False(string.IsNullOrWhiteSpace(view.Device));
        Assert.Null(view.Error);
    }

    [Fact]
    public void An_unknown_accelerator_is_reported_and_merges_fail_with_the_reason()
    {
        using var host = Host("tpu");
        var view = host.Describe();
        Assert.Null(view.Kernel);
        Assert.Contains("'tpu'", view.Error, StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidOperationException>(() => host.Kernel);
        Assert.Contains("Merging:Accelerator", ex.Message, StringComparison.Ordinal);
    }
}
