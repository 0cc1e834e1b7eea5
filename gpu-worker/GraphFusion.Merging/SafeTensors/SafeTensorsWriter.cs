using System.Security.Cryptography;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>A written output file with its size and SHA-256.</summary>
/// <param name="Path">Full path.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the contents.</param>
public sealed record OutputFile(string Path, long SizeBytes, string Sha256)
{
    /// <summary>Computes the record for an existing file.</summary>
    public static OutputFile Describe(string path)
    {
        using FileStream s = File.OpenRead(path);
        string hash = Convert.ToHexStringLower(SHA256.HashData(s));
        return new OutputFile(path, new FileInfo(path).Length, hash);
    }
}

/// <summary>
/// Streams one safetensors file: the header is written from the tensor specs up front, then the tensors
/// must be supplied in spec order. The SHA-256 is computed while writing.
/// </summary>
public sealed class SafeTensorsWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IReadOnlyList<TensorSpec> _specs;
    private int _next;
    private bool _completed;

    /// <summary>Creates <paramref name="path"/> and writes its header.</summary>
    public SafeTensorsWriter(string path, IReadOnlyList<TensorSpec> specs, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TensorSpec s in specs)
        {
            if (!names.Add(s.Name))
            {
                throw new ArgumentException($"duplicate tensor name '{s.Name}'", nameof(specs));
            }
        }
        Path = path;
        _specs = specs;
        byte[] header = SafeTensorsHeader.Serialize(specs, metadata);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(header);
    }

    /// <summary>Output path.</summary>
    public string Path { get; }

    /// <summary>The name of the tensor expected next, or null when all were written.</summary>
    public string? NextTensorName => _next < _specs.Count ? _specs[_next].Name : null;

    /// <summary>Writes the next tensor's bytes; name and length must match the spec.</summary>
    public void WriteTensor(string name, ReadOnlySpan<byte> data)
    {
        if (_next >= _specs.Count)
        {
            throw new InvalidOperationException($"{Path}: all tensors were already written; got '{name}'");
        }
        TensorSpec spec = _specs[_next];
        if (spec.Name != name)
        {
            throw new InvalidOperationException($"{Path}: expected tensor '{spec.Name}' next, got '{name}'");
        }
        if (data.Length != spec.ByteLength)
        {
            throw new InvalidOperationException($"{Path}: tensor '{name}' needs {spec.ByteLength} bytes, got {data.Length}");
        }
        Write(data);
        _next++;
    }

    /// <summary>Flushes and closes the file; all tensors must have been written.</summary>
    public OutputFile Complete()
    {
        if (_next != _specs.Count)
        {
            throw new InvalidOperationException($"{Path}: {_specs.Count - _next} tensors were not written");
        }
        _stream.Flush(flushToDisk: false);
        long size = _stream.Length;
        _stream.Dispose();
        _completed = true;
        return new OutputFile(Path, size, Convert.ToHexStringLower(_hash.GetHashAndReset()));
    }

    /// <summary>Writes a whole file at once.</summary>
    public static OutputFile WriteFile(
        string path, IEnumerable<(TensorSpec Spec, byte[] Data)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        using var writer = new SafeTensorsWriter(path, list.Select(t => t.Spec).ToList(), metadata);
        foreach ((TensorSpec spec, byte[] data) in list)
        {
            writer.WriteTensor(spec.Name, data);
        }
        return writer.Complete();
    }

    private void Write(ReadOnlySpan<byte> data)
    {
        _stream.Write(data);
        _hash.AppendData(data);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_completed)
        {
            _stream.Dispose();
        }
        _hash.Dispose();
    }
}
