using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;
using GraphFusion.Merging.Tests;

namespace GraphFusion.Merging.Gpu.Tests;

/// <summary>Whole merges through the engine: the ILGPU kernel writes the checkpoint the CPU kernel writes.</summary>
public class EngineParityTests(IlgpuKernelFixture fixture) : IClassFixture<IlgpuKernelFixture>
{
    private static readonly (string Name, long[] Shape)[] Tensors =
        [("embed.weight", [33, 17]), ("layers.0.weight", [64, 129]), ("layers.1.weight", [5, 3]), ("norm.weight", [1])];

    [Theory]
    [InlineData("dare_linear")]
    [InlineData("ties")]
    [InlineData("dare_ties")]
    public async Task IlgpuKernel_WritesTheCheckpointTheCpuKernelWrites(string method)
    {
        using var tmp = new TempFolder();
        WriteModel(tmp.File("base"), 1, SafeTensorsDType.BF16);
        WriteModel(tmp.File("m1"), 2, SafeTensorsDType.F32);
        WriteModel(tmp.File("m2"), 3, SafeTensorsDType.F16);
        File.WriteAllText(tmp.File("recipe.yaml"), $$"""
            merge_method: {{method}}
            base_model: base
            models:
              - model: m1
                parameters: {weight: 1.0, density: 0.5}
              - model: m2
                parameters: {weight: 0.6, density: 0.3}
            parameters: {lambda: 0.9}
            out_dtype: float32
            seed: 7
            """);
        MergeRecipe recipe = MergeRecipe.Load(tmp.File("recipe.yaml"));

        await MergeEngine.RunAsync(recipe, tmp.File("cpu"), new MergeEngineOptions(2, 2) { Kernel = CpuSimdMergeKernel.Instance });
        var ilgpu = new CountingKernel(fixture.Kernel);
        await MergeEngine.RunAsync(recipe, tmp.File("ilgpu"), new MergeEngineOptions(2, 2) { Kernel = ilgpu });

        Assert.Equal(Tensors.Length, ilgpu.Calls);

        using var cpu = SafeTensorsCheckpoint.Open(tmp.File("cpu"));
        using var gpu = SafeTensorsCheckpoint.Open(tmp.File("ilgpu"));
        Assert.Equal(cpu.Tensors.Keys.Order(), gpu.Tensors.Keys.Order());
        foreach ((string name, _) in Tensors)
        {
            float[] expected = cpu.ReadFloat(name);
            Data.AssertClose(expected, gpu.ReadFloat(name), 1e-6);
        }
    }

    /// <summary>Counts the tensors the engine hands to the kernel.</summary>
    private sealed class CountingKernel(IMergeKernel inner) : IMergeKernel
    {
        private int _calls;

        public int Calls => _calls;

        public string Name => inner.Name;

        void IMergeKernel.Run(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
            SafeTensorsDType outputType, string tensorName, ulong seed, int maxDegreeOfParallelism)
        {
            Interlocked.Increment(ref _calls);
            inner.Run(spec, baseTensor, models, output, outputType, tensorName, seed, maxDegreeOfParallelism);
        }
    }

    private static void WriteModel(string folder, int seed, SafeTensorsDType dtype) =>
        Data.WriteCheckpoint(Path.Combine(folder, "model.safetensors"),
            Tensors.Select((t, i) => (t.Name, t.Shape, Data.Random((int)t.Shape.Aggregate(1L, (a, b) => a * b), (seed * 100) + i))), dtype);
}
