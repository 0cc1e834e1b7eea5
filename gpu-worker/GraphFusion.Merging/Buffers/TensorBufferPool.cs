using System.Collections.Concurrent;

namespace GraphFusion.Merging.Buffers;

/// <summary>
/// Buffers for tensors in flight, reused across tensors instead of allocating one large array per read. Buffers are
/// unmanaged (see <see cref="NativeBuffer"/>) and kept by exact length (the tensors of a model come in a few sizes),
/// so a rented buffer holds no slack and what is rented is what the merge holds. Counts the bytes rented now and at
/// peak, so callers (and tests) can see the memory in flight. Thread-safe; dispose to free the kept buffers.
/// </summary>
public sealed class TensorBufferPool : IDisposable
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<NativeBuffer>> _free = new();
    private readonly long _maxRetainedBytes;
    private long _retainedBytes;
    private long _rentedBytes;
    private long _peakRentedBytes;
    private bool _disposed;

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
        ObjectDisposedException.ThrowIf(_disposed, this);
        int size = (int)length;
        NativeBuffer? buffer = null;
        if (_free.TryGetValue(size, out ConcurrentBag<NativeBuffer>? bag) && bag.TryTake(out buffer))
        {
            Interlocked.Add(ref _retainedBytes, -size);
        }
        buffer ??= new NativeBuffer(size);
        long now = Interlocked.Add(ref _rentedBytes, size);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakRentedBytes)) && Interlocked.CompareExchange(ref _peakRentedBytes, now, peak) != peak)
        {
        }
        return new PooledBuffer(this, buffer);
    }

    internal void Return(NativeBuffer buffer)
    {
        long rented = Interlocked.Add(ref _rentedBytes, -buffer.Length);
        // Rented plus kept stays under the cap, so the pool never holds more than the memory budget in all.
        if (!_disposed && rented + Interlocked.Add(ref _retainedBytes, buffer.Length) <= _maxRetainedBytes)
        {
            _free.GetOrAdd(buffer.Length, static _ => new ConcurrentBag<NativeBuffer>()).Add(buffer);
        }
        else
        {
            if (!_disposed)
            {
                Interlocked.Add(ref _retainedBytes, -buffer.Length);
            }
            buffer.Free();
        }
    }

    /// <summary>Frees the kept buffers; buffers still rented are freed when returned.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (ConcurrentBag<NativeBuffer> bag in _free.Values)
        {
            while (bag.TryTake(out NativeBuffer? buffer))
            {
                Interlocked.Add(ref _retainedBytes, -buffer.Length);
                buffer.Free();
            }
        }
    }
}

/// <summary>A rented buffer; returned to its pool on dispose (once).</summary>
public sealed class PooledBuffer : IDisposable
{
    private readonly TensorBufferPool _owner;
    private NativeBuffer? _buffer;

    internal PooledBuffer(TensorBufferPool owner, NativeBuffer buffer)
    {
        _owner = owner;
        _buffer = buffer;
        Length = buffer.Length;
    }

    /// <summary>Length in bytes.</summary>
    public int Length { get; }

    /// <summary>The bytes.</summary>
    public Memory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBuffer))).Memory;

    /// <summary>The bytes as a span.</summary>
    public Span<byte> Span => Memory.Span;

    /// <inheritdoc />
    public void Dispose()
    {
        NativeBuffer? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _owner.Return(buffer);
        }
    }
}
