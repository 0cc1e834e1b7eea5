using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Integration.Tests;

/// <summary>A temporary models root holding a small BF16 base model and two fine-tunes of it.</summary>
public sealed class SyntheticModels : IDisposable
{
    public SyntheticModels()
    {
        Root = Path.Combine(Path.GetTempPath(), "gf-merge-it-" + Guid.NewGuid().ToString("N"));
        foreach (var (name, offset) in new[] { ("base", 0f), ("math", 0.25f), ("code", -0.125f) })
        {
            var folder = Path.Combine(Root, name);
            Directory.CreateDirectory(folder);
            SafeTensorsWriter.WriteFile(Path.Combine(folder, SafeTensorsCheckpoint.SingleFileName), Enumerable.Range(0, 4).Select(i =>
            {
                var random = new Random(100 + i);
                var values = Enumerable.Range(0, 32 * 64).Select(_ => (float)(random.NextDouble() - 0.5) + offset).ToArray();
                return (new TensorSpec($"model.layers.{i}.self_attn.q_proj.weight", SafeTensorsDType.BF16, [32, 64]), DTypeConverter.FromFloat(values, SafeTensorsDType.BF16));
            }));
        }
    }

    public string Root { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
