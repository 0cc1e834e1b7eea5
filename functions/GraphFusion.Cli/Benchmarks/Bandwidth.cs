using System.Diagnostics;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>Ceilings to compare merge throughput with: sequential read from the device, and memory copy bandwidth.</summary>
internal static class Bandwidth
{
    /// <summary>Reads <paramref name="path"/> once, front to back in 8 MiB blocks, after evicting it from the page cache; bytes per second.</summary>
    public static double SequentialRead(string path)
    {
        PageCache.Evict(path);
        var buffer = new byte[8 << 20];
        var stopwatch = Stopwatch.StartNew();
        long total = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
            }
        }

        return total / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Copies a 256 MiB buffer per thread on <paramref name="threads"/> threads, best of 5 passes; bytes copied per second (traffic is twice that: read + write).</summary>
    public static double MemoryCopy(int threads)
    {
        const int size = 256 << 20;
        var sources = Enumerable.Range(0, threads).Select(_ => GC.AllocateUninitializedArray<byte>(size, pinned: true)).ToArray();
        var targets = Enumerable.Range(0, threads).Select(_ => GC.AllocateUninitializedArray<byte>(size, pinned: true)).ToArray();
        foreach (var s in sources)
        {
            Array.Fill(s, (byte)1);
        }

        var best = 0.0;
        for (var pass = 0; pass < 5; pass++)
        {
            var stopwatch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => sources[i].AsSpan().CopyTo(targets[i]));
            best = Math.Max(best, (double)size * threads / stopwatch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
