using System.Runtime.InteropServices;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>
/// Drops one file's pages from the Linux page cache (<c>posix_fadvise(POSIX_FADV_DONTNEED)</c> on a file already
/// flushed to disk), so the next read comes from the device. Needs no root and leaves other files' cache alone.
/// </summary>
internal static class PageCache
{
    private const int DontNeed = 4;

    public static bool IsSupported => OperatingSystem.IsLinux();

    public static void Evict(string path)
    {
        if (!IsSupported)
        {
            return;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(handle);
        var result = PosixFadvise((int)handle.DangerousGetHandle(), 0, 0, DontNeed);
        if (result != 0)
        {
            throw new IOException($"posix_fadvise failed on {path}: error {result}");
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for one call.
    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);
#pragma warning restore SYSLIB1054
}
