using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

public class EngineTests
{
    private sealed class ListProgress : IProgress<MergeProgress>
    {
        public List<MergeProgress> Reports { get; } = [];

        public void Report(MergeProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    private static readonly string[] Names = ["embed.weight", "layers.0.weight", "layers.1.weight", "layers.2.weight", "norm.weight"];

    private static Dictionary<string, float[]> WriteModel(string folder, int seed, SafeTensorsDType dtype = SafeTensorsDType.F32, (string, long[], float[])? extra = null)
    {
        var tensors = Names.Select((n, i) => (Name: n, Shape: new long[] { 4, 8 }, Values: Data.Random(32, (seed * 100) + i))).ToList();
        if (extra is { } e)
        {
            tensors.Add(e);
        }
        Data.WriteCheckpoint(Path.Combine(folder, "model.safetensors"), tensors, dtype);
        var stored = new Dictionary<string, float[]>();
        using var cp = SafeTensorsCheckpoint.Open(folder);
        foreach (var t in tensors)
        {
            stored[t.Name] = cp.ReadFloat(t.Name);
        }
        return stored;
    }

    [Fact]
    public async Task Ties_OnCheckpoints_MatchesDirectComputation_WritesShardsAndReportsProgress()
    {
        using var tmp = new TempFolder();
        var b = WriteModel(tmp.File("base"), 1, SafeTensorsDType.BF16);
        var m1 = WriteModel(tmp.File("m1"), 2);
        var m2 = WriteModel(tmp.File("m2"), 3);
        File.WriteAllText(tmp.File("recipe.yaml"), """
            merge_method: ties
            base_model: base
            models:
              - model: m1
                parameters: {weight: 1.0, density: 0.5}
              - model: m2
                parameters: {weight: 0.5, density: [0.2, 0.8]}
            parameters: {lambda: 1.0}
            out_dtype: float32
            max_shard_size: 300
            """);
        MergeRecipe recipe = MergeRecipe.Load(tmp.File("recipe.yaml"));
        Assert.True(RecipeValidator.Validate(recipe).IsValid);
        var progress = new ListProgress();
        MergeResult result = await MergeEngine.RunAsync(recipe, tmp.File("out"), new MergeEngineOptions(2, 1), progress);

        Assert.Equal(MergeOutputKind.Checkpoint, result.OutputKind);
        Assert.Equal(Names.Length, result.TensorsWritten);
        Assert.Contains(result.Files, f => f.Path.EndsWith(SafeTensorsCheckpoint.IndexFileName, StringComparison.Ordinal));
        Assert.Equal(Names.Length, progress.Reports.Max(p => p.TensorsDone));
        Assert.All(progress.Reports, p => Assert.Equal(Names.Length, p.TensorsTotal));
        Assert.True(result.BytesRead > 0);

        using SafeTensorsCheckpoint output = SafeTensorsCheckpoint.Open(tmp.File("out"));
        Assert.Equal("ties", output.Files[0].Header.Metadata["merge_method"]);
        Assert.Contains("merge_method: ties", output.Files[0].Header.Metadata["merge_recipe"], StringComparison.Ordinal);
        for (int layer = 0; layer < Names.Length; layer++)
        {
            string name = Names[layer];
            int? index = LayerPosition.ParseIndex(name);
            double d2 = index is null ? 0.2 : 0.2 + (0.6 * index.Value / 2.0);
            var perModel = new List<IReadOnlyDictionary<string, double>>
            {
                new Dictionary<string, double> { ["weight"] = 1, ["density"] = 0.5 },
                new Dictionary<string, double> { ["weight"] = 0.5, ["density"] = d2 },
            };
            float[] expected = new TiesMerge().Merge(new TensorMergeContext(name, b[name], [m1[name], m2[name]], perModel, new Dictionary<string, double> { ["lambda"] = 1 }, 0));
            Assert.Equal(SafeTensorsDType.F32, output.Tensors[name].DType);
            Data.AssertClose(expected, output.ReadFloat(name), 1e-6);
        }
    }

    [Fact]
    public async Task ShapeMismatch_IsAnErrorWithoutRule_AndFollowsTheRuleWithOne()
    {
        using var tmp = new TempFolder();
        WriteModel(tmp.File("base"), 1, extra: ("head.weight", [2, 8], Data.Random(16, 5)));
        WriteModel(tmp.File("m1"), 2, extra: ("head.weight", [2, 8], Data.Random(16, 6)));
        var m2 = WriteModel(tmp.File("m2"), 3, extra: ("head.weight", [6, 8], Data.Random(48, 7)));
        string recipe = "merge_method: task_arithmetic\nbase_model: base\nmodels: [m1, m2]\n";

        ValidationReport report = RecipeValidator.Validate(MergeRecipe.Parse(recipe, tmp.Path));
        Assert.Contains(report.Problems, p => p.Contains("head.weight", StringComparison.Ordinal) && p.Contains("[6, 8]", StringComparison.Ordinal));
        await Assert.ThrowsAsync<RecipeValidationException>(() => MergeEngine.RunAsync(MergeRecipe.Parse(recipe, tmp.Path), tmp.File("x")));
        Assert.False(Directory.Exists(tmp.File("x")));

        MergeResult withRule = await MergeEngine.RunAsync(MergeRecipe.Parse(recipe + "mismatched: m2\n", tmp.Path), tmp.File("out"));
        using var output = SafeTensorsCheckpoint.Open(tmp.File("out"));
        Assert.Equal(m2["head.weight"], output.ReadFloat("head.weight"));

        MergeResult skipped = await MergeEngine.RunAsync(MergeRecipe.Parse(recipe + "mismatched: skip\n", tmp.Path), tmp.File("out2"));
        Assert.Equal(1, skipped.TensorsSkipped);
        using var output2 = SafeTensorsCheckpoint.Open(tmp.File("out2"));
        Assert.False(output2.Tensors.ContainsKey("head.weight"));
        Assert.Equal(withRule.TensorsWritten - 1, skipped.TensorsWritten);
    }

    [Fact]
    public async Task Cancellation_StopsTheMerge()
    {
        using var tmp = new TempFolder();
        WriteModel(tmp.File("m1"), 2);
        WriteModel(tmp.File("m2"), 3);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            MergeEngine.RunAsync(MergeRecipe.Parse("merge_method: linear\nmodels: [m1, m2]\n", tmp.Path), tmp.File("out"), null, cts.Token));
    }

    [Fact]
    public async Task SyntheticAdapters_WithBase_ProduceBasePlusScaledDelta()
    {
        using var tmp = new TempFolder();
        var b = WriteModel(tmp.File("base"), 1);
        // One adapter on layers.1.w (4x8), rank 2, alpha 8, rsLoRA → scale 8/√2.
        Directory.CreateDirectory(tmp.File("ad"));
        File.WriteAllText(tmp.File("ad/adapter_config.json"), """{"peft_type":"LORA","r":2,"lora_alpha":8,"use_rslora":true,"target_modules":["w"]}""");
        float[] a = Data.Random(16, 9), bb = Data.Random(8, 10);
        Data.WriteCheckpoint(tmp.File("ad/adapter_model.safetensors"), [
            ("base_model.model.layers.1.lora_A.weight", [2, 8], a),
            ("base_model.model.layers.1.lora_B.weight", [4, 2], bb),
        ]);
        await MergeEngine.RunAsync(MergeRecipe.Parse("merge_method: task_arithmetic\nbase_model: base\nmodels: [ad]\n", tmp.Path), tmp.File("out"));
        using var output = SafeTensorsCheckpoint.Open(tmp.File("out"));
        double scale = 8 / Math.Sqrt(2);
        float[] expected = new float[32];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                expected[(r * 8) + c] = (float)(b["layers.1.weight"][(r * 8) + c] + (scale * ((bb[r * 2] * a[c]) + (bb[(r * 2) + 1] * a[8 + c]))));
            }
        }
        Data.AssertClose(expected, output.ReadFloat("layers.1.weight"), 1e-5);
        Assert.Equal(b["layers.0.weight"], output.ReadFloat("layers.0.weight"));
    }
}
