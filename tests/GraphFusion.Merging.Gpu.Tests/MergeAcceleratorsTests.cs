using GraphFusion.Merging.Execution;

namespace GraphFusion.Merging.Gpu.Tests;

public class MergeAcceleratorsTests
{
    [Theory]
    [InlineData("auto", MergeAccelerator.Auto)]
    [InlineData("CPU", MergeAccelerator.Cpu)]
    [InlineData(" cuda ", MergeAccelerator.Cuda)]
    [InlineData("ilgpu-cpu", MergeAccelerator.IlgpuCpu)]
    public void TryParse_AcceptsTheDocumentedNames(string text, MergeAccelerator expected)
    {
        Assert.True(MergeAccelerators.TryParse(text, out MergeAccelerator parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RejectsOtherNames(string? text) => Assert.False(MergeAccelerators.TryParse(text, out _));

    [Fact]
    public void Auto_IsCudaExactlyWhenIlgpuFindsACudaDevice_AndCudaFailsOtherwise()
    {
        using IlgpuMergeKernel? cuda = IlgpuMergeKernel.TryCreateCuda();
        IMergeKernel auto = MergeAccelerators.Create(MergeAccelerator.Auto);
        try
        {
            Assert.Equal(cuda is null ? "cpu-simd" : "ilgpu-cuda", auto.Name);
            if (cuda is null)
            {
                Assert.Throws<InvalidOperationException>(() => MergeAccelerators.Create(MergeAccelerator.Cuda));
            }
        }
        finally
        {
            (auto as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Cpu_IsTheSimdKernel() => Assert.Same(CpuSimdMergeKernel.Instance, MergeAccelerators.Create(MergeAccelerator.Cpu));
}
