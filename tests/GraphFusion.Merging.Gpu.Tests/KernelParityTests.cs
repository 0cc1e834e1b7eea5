using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.SafeTensors;
using GraphFusion.Merging.Tests;

namespace GraphFusion.Merging.Gpu.Tests;

/// <summary>The ILGPU kernel (on ILGPU's CPU accelerator) against the CPU SIMD kernel, tensor by tensor.</summary>
public class KernelParityTests(IlgpuKernelFixture fixture) : IClassFixture<IlgpuKernelFixture>
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string method in new[] { "linear", "task_arithmetic", "ties", "dare_linear", "dare_ties" })
        {
            // 1 and 7: a single short block; 40_003: several ILGPU blocks and several CPU chunks, odd tail.
            foreach (int length in new[] { 1, 7, 40_003 })
            {
                data.Add(method, length);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IlgpuKernel_MatchesCpuSimdKernel(string method, int length)
    {
        FusedMergeSpec spec = Spec(method, new Dictionary<string, double> { ["lambda"] = 0.8 },
            [new() { ["weight"] = 1.0, ["density"] = 0.4 }, new() { ["weight"] = 0.5, ["density"] = 0.75 }, new() { ["weight"] = 0.3, ["density"] = 1.0 }]);
        RawTensor baseTensor = Raw(Data.Random(length, 1), SafeTensorsDType.F32);
        RawTensor[] models = [Raw(Data.Random(length, 2), SafeTensorsDType.F32), Raw(Data.Random(length, 3), SafeTensorsDType.F32),
            Raw(Data.Random(length, 4), SafeTensorsDType.F32)];

        float[] cpu = Merge(CpuSimdMergeKernel.Instance, spec, baseTensor, models, length);
        float[] gpu = Merge(fixture.Kernel, spec, baseTensor, models, length);

        Data.AssertClose(cpu, gpu, Tolerance);
        Assert.Contains(cpu, v => v != 0);
    }

    [Theory]
    [InlineData("ties")]
    [InlineData("dare_ties")]
    public void IlgpuKernel_MatchesCpuSimdKernel_OnBf16InputsWithZeroAndFullDensity(string method)
    {
        const int length = 9_001;
        FusedMergeSpec spec = Spec(method, new Dictionary<string, double>(),
            [new() { ["weight"] = 0.7, ["density"] = 0.0 }, new() { ["weight"] = 1.0, ["density"] = 1.0 }, new() { ["weight"] = 0.2, ["density"] = 0.1 }]);
        RawTensor baseTensor = Raw(Data.Random(length, 11), SafeTensorsDType.BF16);
        RawTensor[] models = [Raw(Data.Random(length, 12), SafeTensorsDType.BF16), Raw(Data.Random(length, 13), SafeTensorsDType.F16),
            Raw(Data.Random(length, 14), SafeTensorsDType.BF16)];

        Data.AssertClose(Merge(CpuSimdMergeKernel.Instance, spec, baseTensor, models, length),
            Merge(fixture.Kernel, spec, baseTensor, models, length), Tolerance);
    }

    [Fact]
    public void DareMask_IsTheCpuMask_ElementForElement()
    {
        // Zero base and a model of ones: every output is 0 (dropped) or 1/density (kept), so any mask difference shows.
        const int length = 20_011;
        FusedMergeSpec spec = Spec("dare_linear", new Dictionary<string, double>(), [new() { ["weight"] = 1.0, ["density"] = 0.3 }]);
        RawTensor baseTensor = Raw(new float[length], SafeTensorsDType.F32);
        RawTensor[] models = [Raw(Enumerable.Repeat(1f, length).ToArray(), SafeTensorsDType.F32)];

        float[] cpu = Merge(CpuSimdMergeKernel.Instance, spec, baseTensor, models, length);
        float[] gpu = Merge(fixture.Kernel, spec, baseTensor, models, length);

        Assert.Equal(cpu, gpu);
        double kept = cpu.Count(v => v != 0) / (double)length;
        Assert.InRange(kept, 0.27, 0.33);
    }

    [Fact]
    public void DifferentTensorNames_GiveDifferentDareMasks()
    {
        const int length = 2_000;
        FusedMergeSpec spec = Spec("dare_linear", new Dictionary<string, double>(), [new() { ["weight"] = 1.0, ["density"] = 0.5 }]);
        RawTensor baseTensor = Raw(new float[length], SafeTensorsDType.F32);
        RawTensor[] models = [Raw(Enumerable.Repeat(1f, length).ToArray(), SafeTensorsDType.F32)];

        Assert.NotEqual(Merge(fixture.Kernel, spec, baseTensor, models, length, "a.weight"),
            Merge(fixture.Kernel, spec, baseTensor, models, length, "b.weight"));
    }

    private static FusedMergeSpec Spec(string method, Dictionary<string, double> global, Dictionary<string, double>[] perModel)
    {
        Assert.True(MergeMethods.TryGet(method, out IMergeMethod m));
        return FusedMergeSpec.TryCreate(m, perModel, global) ?? throw new InvalidOperationException($"{method} is not element-wise");
    }

    private static RawTensor Raw(float[] values, SafeTensorsDType dtype) => new(DTypeConverter.FromFloat(values, dtype), dtype);

    private static float[] Merge(IMergeKernel kernel, FusedMergeSpec spec, RawTensor baseTensor, RawTensor[] models, int length, string name = "layers.0.weight")
    {
        var output = new byte[length * sizeof(float)];
        kernel.Run(spec, spec.UsesBase ? baseTensor : null, models, output, SafeTensorsDType.F32, name, seed: 42, maxDegreeOfParallelism: 2);
        var values = new float[length];
        DTypeConverter.ToFloat(output, SafeTensorsDType.F32, values);
        return values;
    }
}
