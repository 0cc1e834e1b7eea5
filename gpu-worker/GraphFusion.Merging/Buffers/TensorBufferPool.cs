using System.Collections.Concurrent;

namespace GraphFusion.Merging.Buffers;

/// <summary>
/// Byte buffers for tensors in flight, reused across tensors instead of allocating one large array per read.
/// Buffers are kept by exact length (the tensors of a model come in a few sizes), so a rented buffer holds no
/// slack and what is rented is what the merge holds. Counts the bytes rented now and at peak, so callers (and
/// tests) can see the memory in flight. Thread-safe.
/// </summary>
public sealed class TensorBufferPool
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<byte[]>> _free = new();
    private readonly long _maxRetainedBytes;
    private long _retainedBytes;
    private long _rentedBytes;
    private long _peakRentedBytes;

    /// <summary>Creates a pool that keeps returned buffers for reuse while rented and kept bytes together stay within <paramref name="maxRetainedBytes"/>.</summary>
    public TensorBufferPool(long maxRetainedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedBytes);
        _maxRetainedBytes = maxRetainedBytes;
    }

    /// <summary>Bytes rented and not yet returned.</summary>
    public long RentedBytes => Interlocked.Read(ref _rentedBytes);

    /// <summary>The largest <see cref="RentedBytes"/> seen since creation.</summary>
    public long PeakRentedBytes => Interlocked.Read(ref _peakRentedBytes);

    /// <summary>Bytes of returned buffers kept for reuse.</summary>
    public long RetainedBytes => Interlocked.Read(ref _retainedBytes);

    /// <summary>Rents a buffer of exactly <paramref name="length"/> bytes (contents undefined); dispose it to give it back.</summary>
    public PooledBuffer Rent(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength);
        int size = (int)length;
        byte[]? array = null;
        if (_free.TryGetValue(size, out ConcurrentBag<byte[]>? bag) && bag.TryTake(out array))
        {
            Interlocked.Add(ref _retainedBytes, -size);
        }
        array ??= GC.AllocateUninitializedArray<byte>(size);
        long now = Interlocked.Add(ref _rentedBytes, size);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakRentedBytes)) && Interlocked.CompareExchange(ref _peakRentedBytes, now, peak) != peak)
        {
        }
        return new PooledBuffer(this, array);
    }

    internal void Return(byte[] array)
    {
        long rented = Interlocked.Add(ref _rentedBytes, -array.Length);
        // Rented plus kept stays under the cap, so the pool never holds more than the memory budget in all.
        if (rented + Interlocked.Add(ref _retainedBytes, array.Length) <= _maxRetainedBytes)
        {
            _free.GetOrAdd(array.Length, static _ => new ConcurrentBag<byte[]>()).Add(array);
        }
        else
        {
            // Over the cap: let the collector have it rather than hold memory no tensor may need again.
            Interlocked.Add(ref _retainedBytes, -array.Length);
        }
    }
}

/// <summary>A rented buffer; returned to its pool on dispose (once).</summary>
public sealed class PooledBuffer : IDisposable
{
    private readonly TensorBufferPool _owner;
    private byte[]? _array;

    internal PooledBuffer(TensorBufferPool owner, byte[] array)
    {
        _owner = owner;
        _array = array;
        Length = array.Length;
    }

    /// <summary>Length in bytes.</summary>
    public int Length { get; }

    /// <summary>The bytes.</summary>
    public Memory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(PooledBuffer))).AsMemory();

    /// <summary>The bytes as a span.</summary>
    public Span<byte> Span => Memory.Span;

    /// <inheritdoc />
    public void Dispose()
    {
        byte[]? array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            _owner.Return(array);
        }
    }
}
