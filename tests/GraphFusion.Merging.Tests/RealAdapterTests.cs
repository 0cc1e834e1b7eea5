using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Lora;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

/// <summary>Merges the two public DistilBERT LoRA adapters of the shared datasets (2-class and 6-class heads).</summary>
public class RealAdapterTests
{
    private const string Folder = "merging";

    private static string Recipe(string method, string extra)
    {
        string density = method == "ties" ? ", density: 0.5" : string.Empty;
        return $"""
        merge_method: {method}
        models:
          - model: {Path.Combine(SharedDatasets.Find(Folder)!, "lora-imdb-distilbert")}
            parameters: {"{"}weight: 1.0{density}{"}"}
          - model: {Path.Combine(SharedDatasets.Find(Folder)!, "lora-emotion-distilbert")}
            parameters: {"{"}weight: 0.5{density}{"}"}
        {extra}
        """;
    }

    /// <summary>τ = (alpha/r)·B·A computed here with plain loops in double.</summary>
    private static float[] DirectDelta(SafeTensorsCheckpoint weights, string module, double alpha, int r)
    {
        float[] a = weights.ReadFloat($"base_model.model.{module}.lora_A.weight");
        float[] b = weights.ReadFloat($"base_model.model.{module}.lora_B.weight");
        int rows = (int)weights.Tensors[$"base_model.model.{module}.lora_B.weight"].Shape[0];
        int cols = (int)weights.Tensors[$"base_model.model.{module}.lora_A.weight"].Shape[1];
        float[] delta = new float[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double s = 0;
                for (int k = 0; k < r; k++)
                {
                    s += (double)b[(i * r) + k] * a[(k * cols) + j];
                }
                delta[(i * cols) + j] = (float)(s * alpha / r);
            }
        }
        return delta;
    }

    private static (SafeTensorsCheckpoint Imdb, SafeTensorsCheckpoint Emotion) OpenInputs()
    {
        string root = SharedDatasets.Find(Folder)!;
        return (SafeTensorsCheckpoint.Open(Path.Combine(root, "lora-imdb-distilbert", LoraAdapter.WeightsFileName)),
            SafeTensorsCheckpoint.Open(Path.Combine(root, "lora-emotion-distilbert", LoraAdapter.WeightsFileName)));
    }

    private static float[] Product(SafeTensorsCheckpoint output, string module)
    {
        TensorInfo a = output.Tensors[$"base_model.model.{module}.lora_A.weight"];
        TensorInfo b = output.Tensors[$"base_model.model.{module}.lora_B.weight"];
        int rank = (int)a.Shape[0];
        Assert.Equal(rank, (int)b.Shape[1]);
        return LoraAdapter.ComputeProduct(output.ReadFloat(b.Name), output.ReadFloat(a.Name), (int)b.Shape[0], rank, (int)a.Shape[1], 1f);
    }

    private static double RelativeError(float[] expected, float[] actual)
    {
        double err = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            err += Math.Pow(expected[i] - actual[i], 2);
            norm += Math.Pow(expected[i], 2);
        }
        return Math.Sqrt(err / norm);
    }

    [DatasetFact(Folder)]
    public void DifferentHeads_WithoutRule_AreReportedNotSilentlyMerged()
    {
        ValidationReport report = RecipeValidator.Validate(MergeRecipe.Parse(Recipe("task_arithmetic", ""), Path.GetTempPath()));
        Assert.False(report.IsValid);
        string problem = Assert.Single(report.Problems);
        Assert.Contains("classifier.weight", problem, StringComparison.Ordinal);
        Assert.Contains("[2, 768]", problem, StringComparison.Ordinal);
        Assert.Contains("[6, 768]", problem, StringComparison.Ordinal);
    }

    [DatasetFact(Folder)]
    public async Task TaskArithmetic_WritesLosslessAdapterMatchingDirectComputation()
    {
        using var tmp = new TempFolder();
        MergeResult result = await MergeEngine.RunAsync(
            MergeRecipe.Parse(Recipe("task_arithmetic", "mismatched: lora-imdb-distilbert"), tmp.Path), tmp.File("out"));
        Assert.Equal(MergeOutputKind.Adapter, result.OutputKind);
        Assert.NotNull(result.ReconstructionError);
        Assert.True(result.ReconstructionError < 1e-5, $"reconstruction error {result.ReconstructionError}");

        (SafeTensorsCheckpoint imdb, SafeTensorsCheckpoint emotion) = OpenInputs();
        using (imdb)
        using (emotion)
        {
            using var output = SafeTensorsCheckpoint.Open(tmp.File("out/adapter_model.safetensors"));
            LoraAdapterConfig config = LoraAdapterConfig.Load(tmp.File("out/adapter_config.json"));
            Assert.Equal(16, config.Rank);
            Assert.Equal(16, config.Alpha);
            Assert.Equal(imdb.ReadFloat("base_model.model.classifier.weight"), output.ReadFloat("base_model.model.classifier.weight"));
            Assert.Equal([2L, 768L], output.Tensors["base_model.model.classifier.weight"].Shape);

            var modules = imdb.Tensors.Keys.Where(k => k.EndsWith(".lora_A.weight", StringComparison.Ordinal))
                .Select(k => k["base_model.model.".Length..^".lora_A.weight".Length]).ToList();
            Assert.Equal(12, modules.Count);
            foreach (string module in modules)
            {
                float[] d1 = DirectDelta(imdb, module, 16, 8);
                float[] d2 = DirectDelta(emotion, module, 16, 8);
                float[] expected = d1.Select((x, i) => x + (0.5f * d2[i])).ToArray();
                Assert.True(RelativeError(expected, Product(output, module)) < 1e-4, module);
            }

            // The written adapter is itself a valid input.
            using LoraAdapter reopened = LoraAdapter.Open(tmp.File("out"));
            Assert.Empty(reopened.Problems);
            Assert.Equal(12, reopened.Modules.Count);
        }
        Assert.All(result.Files, f => Assert.Equal(OutputFile.Describe(f.Path).Sha256, f.Sha256));
    }

    [DatasetFact(Folder)]
    public async Task Ties_WritesAdapterConsistentWithDenseTies()
    {
        using var tmp = new TempFolder();
        MergeResult result = await MergeEngine.RunAsync(
            MergeRecipe.Parse(Recipe("ties", "mismatched: skip"), tmp.Path), tmp.File("out"));
        Assert.Equal(4, result.TensorsSkipped); // classifier and pre_classifier weight + bias

        (SafeTensorsCheckpoint imdb, SafeTensorsCheckpoint emotion) = OpenInputs();
        using (imdb)
        using (emotion)
        {
            using var output = SafeTensorsCheckpoint.Open(tmp.File("out/adapter_model.safetensors"));
            Assert.DoesNotContain(output.Tensors.Keys, k => k.Contains("classifier", StringComparison.Ordinal));
            double errSum = 0, normSum = 0;
            foreach (string module in new[] { "distilbert.transformer.layer.0.attention.q_lin", "distilbert.transformer.layer.5.attention.v_lin" })
            {
                float[] d1 = DirectDelta(imdb, module, 16, 8);
                float[] d2 = DirectDelta(emotion, module, 16, 8);
                var perModel = new List<IReadOnlyDictionary<string, double>>
                {
                    new Dictionary<string, double> { ["weight"] = 1.0, ["density"] = 0.5 },
                    new Dictionary<string, double> { ["weight"] = 0.5, ["density"] = 0.5 },
                };
                float[] dense = new TiesMerge().Merge(new TensorMergeContext(module + ".weight", new float[d1.Length], [d1, d2], perModel, new Dictionary<string, double>(), 0));
                float[] product = Product(output, module);
                double rel = RelativeError(dense, product);
                // TIES output is not low-rank: rank-16 truncation loses some energy, but it is the best rank-16 fit.
                Assert.True(rel < 0.9, $"{module}: {rel}");
                errSum += dense.Zip(product, (x, y) => Math.Pow(x - y, 2)).Sum();
                normSum += dense.Sum(x => (double)x * x);
            }
            Assert.NotNull(result.ReconstructionError);
            Assert.InRange(result.ReconstructionError!.Value, 1e-3, 0.9);
            Assert.InRange(result.MaxModuleReconstructionError!.Value, result.ReconstructionError.Value, 1);
        }
    }
}
