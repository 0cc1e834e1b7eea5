namespace GraphFusion.Cli.Benchmarks;

/// <summary>Checks up front that the work folder's file system can hold the synthetic models and merge outputs.</summary>
internal static class DiskSpace
{
    /// <summary>
    /// Bytes the merge benchmark writes for <paramref name="sizesGb"/>: every size's base and fine-tunes stay until the
    /// end (the largest input is read again for the ceiling), plus one merge output of the largest size at a time.
    /// </summary>
    public static long RequiredBytes(IReadOnlyList<double> sizesGb, int modelsPerSize) =>
        (long)((sizesGb.Sum() * modelsPerSize + sizesGb.Max()) * 1e9);

    /// <summary>Throws with the numbers when the file system holding <paramref name="folder"/> has less than <paramref name="requiredBytes"/> free (plus 1 GB of slack).</summary>
    public static void EnsureFree(string folder, long requiredBytes)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? throw new IOException($"no existing parent folder for {folder}");
        }

        var free = new DriveInfo(existing).AvailableFreeSpace;
        const long slack = 1_000_000_000;
        if (free < requiredBytes + slack)
        {
            throw new IOException(
                $"not enough free disk space in {existing}: the benchmark needs about {requiredBytes / 1e9:F1} GB (+1 GB slack) for the synthetic models and one merge output, {free / 1e9:F1} GB are free; use --work on a larger disk or smaller --sizes");
        }
    }
}
