using System.IO.MemoryMappedFiles;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>
/// One safetensors file opened for lazy, memory-mapped tensor access. Only the header is read on open;
/// tensor bytes are touched when a tensor is requested. Thread-safe for concurrent reads.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly MemoryMappedFile? _map;

    private SafeTensorsFile(string path, SafeTensorsHeader header, MemoryMappedFile? map)
    {
        Path = path;
        Header = header;
        _map = map;
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
        MemoryMappedFile? map = null;
        if (header.Tensors.Any(t => t.ByteLength > 0))
        {
            map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        }
        return new SafeTensorsFile(path, header, map);
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
        Access(info, span => span.CopyTo(bytes));
        return bytes;
    }

    /// <summary>Reads a floating tensor converted to float.</summary>
    public float[] ReadFloat(string name)
    {
        TensorInfo info = GetInfo(name);
        float[] values = new float[checked((int)info.ElementCount)];
        Access(info, span => DTypeConverter.ToFloat(span, info.DType, values));
        return values;
    }

    private unsafe void Access(TensorInfo info, ReadOnlySpanAction action)
    {
        if (info.ByteLength == 0)
        {
            action(ReadOnlySpan<byte>.Empty);
            return;
        }
        if (info.ByteLength > int.MaxValue)
        {
            throw new NotSupportedException($"{Path}: tensor '{info.Name}' is larger than 2 GiB");
        }
        using MemoryMappedViewAccessor view = _map!.CreateViewAccessor(
            Header.DataStart + info.Begin, info.ByteLength, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            action(new ReadOnlySpan<byte>(pointer + view.PointerOffset, (int)info.ByteLength));
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    private delegate void ReadOnlySpanAction(ReadOnlySpan<byte> span);

    /// <inheritdoc />
    public void Dispose() => _map?.Dispose();
}
