using System.Buffers;
using System.Runtime.InteropServices;

namespace GraphFusion.Merging.Buffers;

/// <summary>
/// A block of unmanaged memory exposed as <see cref="Memory{T}"/>. Tensor buffers live outside the GC heap and, on
/// Linux, come straight from <c>mmap</c>, so freeing one gives its pages back to the operating system at once: neither
/// the collector nor the C allocator (whose arenas keep freed blocks of tens of MB) leaves them resident after the
/// tensor is gone. No finalizer: a span may outlive the last reference to the manager, so only the owning pool frees.
/// </summary>
internal sealed unsafe partial class NativeBuffer : MemoryManager<byte>
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 2;
    private const int MapAnonymous = 0x20;

    private byte* _pointer;

    public NativeBuffer(int length)
    {
        Length = length;
        nuint size = (nuint)Math.Max(length, 1);
        if (OperatingSystem.IsLinux())
        {
            nint mapped = Mmap(0, size, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (mapped == -1)
            {
                throw new OutOfMemoryException($"mmap of {length} bytes failed (errno {Marshal.GetLastPInvokeError()})");
            }
            _pointer = (byte*)mapped;
        }
        else
        {
            _pointer = (byte*)NativeMemory.AlignedAlloc(size, 4096);
        }
    }

    public int Length { get; }

    public override Span<byte> GetSpan() =>
        _pointer is null ? throw new ObjectDisposedException(nameof(NativeBuffer)) : new Span<byte>(_pointer, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    public void Free()
    {
        byte* pointer = _pointer;
        _pointer = null;
        if (pointer is null)
        {
            return;
        }
        if (OperatingSystem.IsLinux())
        {
            _ = Munmap((nint)pointer, (nuint)Math.Max(Length, 1));
        }
        else
        {
            NativeMemory.AlignedFree(pointer);
        }
    }

    protected override void Dispose(bool disposing) => Free();

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);
}
