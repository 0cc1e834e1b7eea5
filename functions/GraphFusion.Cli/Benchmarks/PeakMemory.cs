namespace GraphFusion.Cli.Benchmarks;

/// <summary>
/// Peak memory of this process during a measured section: the kernel's high-water mark (VmHWM, reset through
/// <c>/proc/self/clear_refs</c>; it includes mapped file pages the merge touched) and the sampled peak of anonymous
/// memory (RssAnon: the merge's own buffers and the managed heap).
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer timer;
    private long peakAnon;

    private PeakMemory()
    {
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }

        timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public static PeakMemory Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new PeakMemory();
    }

    /// <summary>(VmHWM, peak RssAnon) in bytes; 0 where the platform does not say.</summary>
    public (long PeakRss, long PeakAnon) Stop()
    {
        timer.Dispose();
        Sample();
        return (Status("VmHWM:"), Interlocked.Read(ref peakAnon));
    }

    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        var anon = Status("RssAnon:");
        long current;
        while (anon > (current = Interlocked.Read(ref peakAnon)) && Interlocked.CompareExchange(ref peakAnon, anon, current) != current)
        {
        }
    }

    private static long Status(string field)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
