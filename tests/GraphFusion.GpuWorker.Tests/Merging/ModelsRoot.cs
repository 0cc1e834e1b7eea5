using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.GpuWorker.Tests.Merging;

/// <summary>A temporary models root with a small synthetic base model and fine-tunes of it (F32, a few tensors).</summary>
public sealed class ModelsRoot : IDisposable
{
    public const int Rows = 8;
    public const int Columns = 16;

    public ModelsRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gf-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        WriteModel("base", seed: 1, offset: 0f);
        WriteModel("ft1", seed: 1, offset: 0.5f);
        WriteModel("ft2", seed: 1, offset: -0.25f);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <c>{name}/model.safetensors</c>: three tensors of seeded values plus <paramref name="offset"/>.</summary>
    public string WriteModel(string name, int seed, float offset)
    {
        var folder = Combine(name);
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, SafeTensorsCheckpoint.SingleFileName);
        SafeTensorsWriter.WriteFile(file, Enumerable.Range(0, 3).Select(i =>
        {
            var values = Values(seed + i, offset);
            return (new TensorSpec($"model.layers.{i}.mlp.weight", SafeTensorsDType.F32, [Rows, Columns]), DTypeConverter.FromFloat(values, SafeTensorsDType.F32));
        }));
        return file;
    }

    public static float[] Values(int seed, float offset)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Rows * Columns).Select(_ => (float)(random.NextDouble() - 0.5) + offset).ToArray();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
