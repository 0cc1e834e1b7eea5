using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gf-merging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

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

internal static class Data
{
    public static float[] Random(int n, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2) - 1) * scale).ToArray();
    }

    /// <summary>Writes a one-file F32 checkpoint.</summary>
    public static void WriteCheckpoint(string path, IEnumerable<(string Name, long[] Shape, float[] Values)> tensors, SafeTensorsDType dtype = SafeTensorsDType.F32)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        SafeTensorsWriter.WriteFile(path, tensors.Select(t =>
            (new TensorSpec(t.Name, dtype, t.Shape), DTypeConverter.FromFloat(t.Values, dtype))));
    }

    public static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > tolerance * Math.Max(1, Math.Abs(expected[i])))
            {
                Assert.Fail($"element {i}: expected {expected[i]}, got {actual[i]}");
            }
        }
    }
}

/// <summary>Locates the shared datasets folder (../shared/datasets from the repository root).</summary>
internal static class SharedDatasets
{
    public static string? Find(string relative)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "Serverless.sln")) || File.Exists(Path.Combine(dir, "Directory.Build.props")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir, "..", "shared", "datasets", relative));
                return Directory.Exists(candidate) ? candidate : null;
            }
            dir = Path.GetDirectoryName(dir);
        }
        return null;
    }
}

/// <summary>A fact that is skipped when the shared dataset folder it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string relativeFolder)
    {
        if (SharedDatasets.Find(relativeFolder) is null)
        {
            Skip = $"shared dataset folder '{relativeFolder}' not found (expected at ../shared/datasets from the repository root)";
        }
    }
}
