using GraphFusion.Merging.Buffers;
using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

public class MemoryBudgetTests
{
    [Fact]
    public async Task ByteBudget_WaitsUntilBytesAreGivenBack_InArrivalOrder()
    {
        var budget = new ByteBudget(100);
        BudgetLease first = await budget.AcquireAsync(70);
        Task<BudgetLease> second = budget.AcquireAsync(50);
        Task<BudgetLease> third = budget.AcquireAsync(10); // would fit, but must not overtake the second

        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);
        first.Dispose();
        using BudgetLease s = await second;
        using BudgetLease t = await third;
        Assert.Equal(40, budget.Available);
    }

    [Fact]
    public async Task ByteBudget_GrantsAnOversizedRequestTheWholeCapacity()
    {
        var budget = new ByteBudget(100);
        using (BudgetLease big = await budget.AcquireAsync(1000))
        {
            Assert.Equal(100, big.Bytes);
            Assert.Equal(0, budget.Available);
        }
        Assert.Equal(100, budget.Available);
    }

    [Fact]
    public async Task ByteBudget_CancelledWaiterLetsTheNextOneThrough()
    {
        var budget = new ByteBudget(100);
        BudgetLease held = await budget.AcquireAsync(60);
        using var cts = new CancellationTokenSource();
        Task<BudgetLease> cancelled = budget.AcquireAsync(80, cts.Token);
        Task<BudgetLease> small = budget.AcquireAsync(30);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        using BudgetLease s = await small;
        held.Dispose();
        Assert.Equal(70, budget.Available);
    }

    [Fact]
    public void BufferPool_CountsRentedBytesAndReusesReturnedBuffers()
    {
        using var pool = new TensorBufferPool(maxRetainedBytes: 1000);
        PooledBuffer a = pool.Rent(300);
        PooledBuffer b = pool.Rent(500);
        Assert.Equal(800, pool.RentedBytes);
        a.Dispose();
        a.Dispose(); // returning twice is harmless
        Assert.Equal(500, pool.RentedBytes);
        Assert.Equal(300, pool.RetainedBytes);
        using PooledBuffer c = pool.Rent(300);
        Assert.Equal(0, pool.RetainedBytes); // c reused a
        using PooledBuffer d = pool.Rent(200);
        b.Dispose(); // 300 + 200 rented + 500 kept = the cap
        Assert.Equal(500, pool.RetainedBytes);
        Assert.Equal(1000, pool.PeakRentedBytes);
        Assert.Equal(500, pool.RentedBytes);
    }

    private const int Rows = 64;
    private const int Cols = 256;

    /// <summary>Base and two models, each with six F32 [64, 256] tensors (64 KiB) and optionally one 8× larger.</summary>
    private static string WriteRecipe(TempFolder tmp, bool withHugeTensor)
    {
        for (int m = 0; m < 3; m++)
        {
            var tensors = Enumerable.Range(0, 6)
                .Select(i => (Name: $"layers.{i}.weight", Shape: new long[] { Rows, Cols }, Values: Data.Random(Rows * Cols, (m * 10) + i)))
                .ToList();
            if (withHugeTensor)
            {
                tensors.Add(("huge.weight", [8 * Rows, Cols], Data.Random(8 * Rows * Cols, m + 100)));
            }
            Data.WriteCheckpoint(tmp.File($"m{m}/model.safetensors"), tensors);
        }
        File.WriteAllText(tmp.File("recipe.yaml"), """
            merge_method: ties
            base_model: m0
            models:
              - model: m1
                parameters: {weight: 1.0, density: 0.5}
              - model: m2
                parameters: {weight: 0.5, density: 0.3}
            """);
        return tmp.File("recipe.yaml");
    }

    [Fact]
    public async Task Engine_KeepsRentedBytesWithinTheBudget_AndOutputMatchesAnUnboundedRun()
    {
        using var tmp = new TempFolder();
        MergeRecipe recipe = MergeRecipe.Load(WriteRecipe(tmp, withHugeTensor: false));
        const long itemBytes = 4L * Rows * Cols * sizeof(float); // base + 2 models + output
        const long budget = (2 * itemBytes) + (itemBytes / 2); // room for two items, not three
        using var pool = new TensorBufferPool(budget);

        MergeResult bounded = await MergeEngine.RunAsync(recipe, tmp.File("bounded"),
            new MergeEngineOptions(4, 4) { MemoryBudgetBytes = budget, BufferPool = pool });
        MergeResult unbounded = await MergeEngine.RunAsync(recipe, tmp.File("unbounded"), new MergeEngineOptions(4, 4));

        Assert.InRange(pool.PeakRentedBytes, itemBytes, budget);
        Assert.Equal(0, pool.RentedBytes);
        Assert.Equal(unbounded.Files.Single().Sha256, bounded.Files.Single().Sha256);
    }

    [Fact]
    public async Task Engine_RunsATensorLargerThanTheBudgetAlone()
    {
        using var tmp = new TempFolder();
        MergeRecipe recipe = MergeRecipe.Load(WriteRecipe(tmp, withHugeTensor: true));
        const long hugeItemBytes = 4L * 8 * Rows * Cols * sizeof(float);
        using var pool = new TensorBufferPool(0);

        MergeResult result = await MergeEngine.RunAsync(recipe, tmp.File("out"),
            new MergeEngineOptions(4, 4) { MemoryBudgetBytes = hugeItemBytes / 2, BufferPool = pool });

        Assert.Equal(7, result.TensorsWritten);
        // Nothing else was in flight while the oversized item held its buffers.
        Assert.Equal(hugeItemBytes, pool.PeakRentedBytes);
    }

    [Fact]
    public async Task Engine_StreamingPathMatchesTheGeneralPath_OnAMixedTypeCheckpoint()
    {
        using var tmp = new TempFolder();
        var types = new[] { SafeTensorsDType.BF16, SafeTensorsDType.F16, SafeTensorsDType.F32 };
        int n = (2 * FusedMergeKernel.ChunkElements) + 5;
        var expected = new Dictionary<string, float[]>();
        for (int m = 0; m < 3; m++)
        {
            Data.WriteCheckpoint(tmp.File($"m{m}/model.safetensors"), [("w", [n], Data.Random(n, m + 1))], types[m]);
        }
        File.WriteAllText(tmp.File("recipe.yaml"), """
            merge_method: dare_ties
            base_model: m0
            models:
              - model: m1
                parameters: {weight: 1.0, density: 0.5}
              - model: m2
                parameters: {weight: 0.5, density: 0.7}
            dtype: bfloat16
            seed: 3
            """);
        MergeRecipe recipe = MergeRecipe.Load(tmp.File("recipe.yaml"));

        await MergeEngine.RunAsync(recipe, tmp.File("out"), new MergeEngineOptions(2, 2));

        using var cps = new DisposableList(Enumerable.Range(0, 3).Select(m => SafeTensorsCheckpoint.Open(tmp.File($"m{m}"))).ToList());
        var perModel = new List<IReadOnlyDictionary<string, double>>
        {
            new Dictionary<string, double> { ["weight"] = 1.0, ["density"] = 0.5 },
            new Dictionary<string, double> { ["weight"] = 0.5, ["density"] = 0.7 },
        };
        var context = new Methods.TensorMergeContext("w", cps.Items[0].ReadFloat("w"), [cps.Items[1].ReadFloat("w"), cps.Items[2].ReadFloat("w")],
            perModel, new Dictionary<string, double>(), 3);
        byte[] direct = DTypeConverter.FromFloat(new Methods.DareTiesMerge().Merge(context), SafeTensorsDType.BF16);
        using SafeTensorsCheckpoint output = SafeTensorsCheckpoint.Open(tmp.File("out"));
        Assert.Equal(SafeTensorsDType.BF16, output.Tensors["w"].DType);
        Assert.Equal(direct, output.ReadBytes("w"));
    }

    private sealed class DisposableList(List<SafeTensorsCheckpoint> items) : IDisposable
    {
        public List<SafeTensorsCheckpoint> Items { get; } = items;

        public void Dispose() => Items.ForEach(i => i.Dispose());
    }
}
