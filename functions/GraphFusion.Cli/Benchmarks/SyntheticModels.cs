using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>
/// Writes a synthetic base checkpoint and fine-tunes of it (base + small perturbation) of about <c>sizeBytes</c> each:
/// 2-D tensors named like transformer layers, in F16 or BF16, fsynced so the page cache can drop them.
/// </summary>
internal static class SyntheticModels
{
    public const int Columns = 4096;

    public static IReadOnlyList<string> Write(string folder, long sizeBytes, int fineTunes, SafeTensorsDType dtype)
    {
        var elementSize = SafeTensorsDTypes.SizeOf(dtype);
        var tensorBytes = Math.Clamp(sizeBytes / 16, 1L << 20, 64L << 20);
        var rows = (int)Math.Max(1, tensorBytes / elementSize / Columns);
        var count = (int)Math.Max(1, (sizeBytes + (long)rows * Columns * elementSize - 1) / ((long)rows * Columns * elementSize));
        var specs = Enumerable.Range(0, count).Select(i => new TensorSpec($"model.layers.{i}.mlp.weight", dtype, [rows, Columns])).ToList();

        var paths = Enumerable.Range(0, fineTunes + 1).Select(i => Path.Combine(folder, i == 0 ? "base" : $"ft{i}", SafeTensorsCheckpoint.SingleFileName)).ToList();
        foreach (var path in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        var writers = paths.Select(p => new SafeTensorsWriter(p, specs)).ToList();
        try
        {
            var values = new float[rows * Columns];
            var variant = new float[values.Length];
            for (var t = 0; t < count; t++)
            {
                Fill(values, seed: (ulong)t * 7919 + 1, scale: 0.02f);
                writers[0].WriteTensor(specs[t].Name, DTypeConverter.FromFloat(values, dtype));
                for (var m = 1; m <= fineTunes; m++)
                {
                    Fill(variant, seed: ((ulong)t << 8) + (ulong)m * 104729, scale: 0.002f);
                    System.Numerics.Tensors.TensorPrimitives.Add(variant, values, variant);
                    writers[m].WriteTensor(specs[t].Name, DTypeConverter.FromFloat(variant, dtype));
                }
            }

            foreach (var writer in writers)
            {
                writer.Complete();
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }

        foreach (var path in paths)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.FlushToDisk(handle);
        }

        return paths;
    }

    /// <summary>Uniform values in [-scale, scale] from a SplitMix64 stream (fast, deterministic).</summary>
    private static void Fill(float[] values, ulong seed, float scale)
    {
        var state = seed;
        for (var i = 0; i < values.Length; i += 2)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            values[i] = ((int)(uint)z * (1f / int.MaxValue)) * scale;
            if (i + 1 < values.Length)
            {
                values[i + 1] = ((int)(uint)(z >> 32) * (1f / int.MaxValue)) * scale;
            }
        }
    }
}
