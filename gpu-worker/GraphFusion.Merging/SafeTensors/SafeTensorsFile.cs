using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>
/// One safetensors file opened for lazy tensor access. Only the header is read on open; tensor bytes are read
/// with positional reads (<see cref="RandomAccess"/>) when a tensor is requested, straight into the caller's
/// buffer, so no mapped pages linger in the process. Thread-safe for concurrent reads.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly SafeFileHandle? _handle;

    private SafeTensorsFile(string path, SafeTensorsHeader header, SafeFileHandle? handle)
    {
        Path = path;
        Header = header;
        _handle = handle;
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>The validated header.</summary>
    public SafeTensorsHeader Header { get; }

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    public static SafeTensorsFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: safetensors file not found", path);
        }
        SafeTensorsHeader header = SafeTensorsHeader.Read(path);
        SafeFileHandle? handle = null;
        if (header.Tensors.Any(t => t.ByteLength > 0))
        {
            // Tensors are read front to back: the sequential hint lets the kernel read ahead aggressively.
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        return new SafeTensorsFile(path, header, handle);
    }

    /// <summary>Looks up a tensor entry.</summary>
    public TensorInfo GetInfo(string name) =>
        Header.ByName.TryGetValue(name, out TensorInfo? info)
            ? info
            : throw new KeyNotFoundException($"{Path}: no tensor named '{name}'");

    /// <summary>Copies the raw bytes of a tensor into a new array.</summary>
    public byte[] ReadBytes(string name)
    {
        TensorInfo info = GetInfo(name);
        byte[] bytes = new byte[checked((int)info.ByteLength)];
        ReadRaw(info, bytes);
        return bytes;
    }

    /// <summary>Reads a floating tensor converted to float.</summary>
    public float[] ReadFloat(string name)
    {
        TensorInfo info = GetInfo(name);
        float[] values = new float[checked((int)info.ElementCount)];
        if (info.DType == SafeTensorsDType.F32)
        {
            ReadRaw(info, MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        byte[] raw = ReadBytes(name);
        DTypeConverter.ToFloat(raw, info.DType, values);
        return values;
    }

    /// <summary>Reads the stored bytes of <paramref name="info"/> (an entry of this file) into <paramref name="destination"/>.</summary>
    public void ReadRaw(TensorInfo info, Span<byte> destination)
    {
        if (info.ByteLength > int.MaxValue)
        {
            throw new NotSupportedException($"{Path}: tensor '{info.Name}' is larger than 2 GiB");
        }
        if (destination.Length < info.ByteLength)
        {
            throw new ArgumentException($"tensor '{info.Name}' needs {info.ByteLength} bytes", nameof(destination));
        }
        ReadRawRange(info, 0, destination[..(int)info.ByteLength]);
    }

    /// <summary>Reads <c>destination.Length</c> stored bytes of <paramref name="info"/> starting <paramref name="byteOffset"/> bytes into the tensor.</summary>
    public void ReadRawRange(TensorInfo info, long byteOffset, Span<byte> destination)
    {
        if (byteOffset < 0 || byteOffset + destination.Length > info.ByteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(byteOffset), $"{Path}: range [{byteOffset}, {byteOffset + destination.Length}) is outside tensor '{info.Name}'");
        }
        Span<byte> target = destination;
        long offset = Header.DataStart + info.Begin + byteOffset;
        while (!target.IsEmpty)
        {
            int read = RandomAccess.Read(_handle!, target, offset);
            if (read == 0)
            {
                throw new SafeTensorsFormatException(Path, $"file ends inside tensor '{info.Name}'");
            }
            target = target[read..];
            offset += read;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle?.Dispose();
}
