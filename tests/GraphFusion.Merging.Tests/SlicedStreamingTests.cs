using GraphFusion.Merging.Buffers;
using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

/// <summary>Large tensors merged slice by slice give the same bytes as the same tensors merged whole.</summary>
public class SlicedStreamingTests
{
    // Several slices of two chunks each, and a ragged last slice.
    private const int Length = (5 * FusedMergeKernel.ChunkElements) + 123;

    public static TheoryData<string, SafeTensorsDType> Cases()
    {
        var data = new TheoryData<string, SafeTensorsDType>();
        foreach (string method in new[] { "linear", "task_arithmetic", "ties", "dare_linear", "dare_ties" })
        {
            foreach (SafeTensorsDType dtype in new[] { SafeTensorsDType.BF16, SafeTensorsDType.F32 })
            {
                data.Add(method, dtype);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SlicedMerge_EqualsTheWholeTensorMerge(string method, SafeTensorsDType dtype)
    {
        using var tmp = new TempFolder();
        MergeRecipe recipe = WriteModels(tmp, method, dtype);
        long sliceBytes = 2L * FusedMergeKernel.ChunkElements * SafeTensorsDTypes.SizeOf(dtype);
        using var slicedPool = new TensorBufferPool(64L << 20);

        MergeResult sliced = await MergeEngine.RunAsync(recipe, tmp.File("sliced"),
            new MergeEngineOptions(2, 2) { StreamingSliceBytes = sliceBytes, BufferPool = slicedPool });
        MergeResult whole = await MergeEngine.RunAsync(recipe, tmp.File("whole"),
            new MergeEngineOptions(2, 2) { StreamingSliceBytes = long.MaxValue / 4 });

        Assert.Equal(whole.Files.Single().Sha256, sliced.Files.Single().Sha256);
        Assert.Equal(whole.BytesRead, sliced.BytesRead);
        if (method != "ties")
        {
            // Slices, not whole inputs, were in flight: at most two items of (inputs' slices + output).
            long inputs = method == "linear" ? 3 : 4;
            long itemBytes = (inputs * sliceBytes) + ((long)Length * SafeTensorsDTypes.SizeOf(dtype));
            Assert.InRange(slicedPool.PeakRentedBytes, 1, 2 * itemBytes);
        }
    }

    private static MergeRecipe WriteModels(TempFolder tmp, string method, SafeTensorsDType dtype)
    {
        float[] baseValues = Data.Random(Length, 1, 0.02f);
        Data.WriteCheckpoint(tmp.File("base/model.safetensors"), [("w", [Length], baseValues), ("v", [Length], Data.Random(Length, 2))], dtype);
        for (int m = 1; m <= 3; m++)
        {
            float[] tuned = Data.Random(Length, 10 + m, 0.002f).Zip(baseValues, (d, b) => d + b).ToArray();
            Data.WriteCheckpoint(tmp.File($"m{m}/model.safetensors"), [("w", [Length], tuned), ("v", [Length], Data.Random(Length, 20 + m))], dtype);
        }
        string usesBase = method == "linear" ? string.Empty : "base_model: base\n";
        bool sparsifies = method is "ties" or "dare_linear" or "dare_ties";
        string Parameters(double weight, double density) =>
            "{" + FormattableString.Invariant($"weight: {weight}") + (sparsifies ? FormattableString.Invariant($", density: {density}") : string.Empty) + "}";
        File.WriteAllText(tmp.File("recipe.yaml"), $"""
            merge_method: {method}
            {usesBase}models:
              - model: m1
                parameters: {Parameters(1.0, 0.5)}
              - model: m2
                parameters: {Parameters(0.5, 0.3)}
              - model: m3
                parameters: {Parameters(0.7, 0.9)}
            seed: 5
            """);
        return MergeRecipe.Load(tmp.File("recipe.yaml"));
    }
}
