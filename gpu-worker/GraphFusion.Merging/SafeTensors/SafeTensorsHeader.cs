using System.Buffers.Binary;
using System.Text.Json;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>A parsed and validated safetensors header.</summary>
public sealed class SafeTensorsHeader
{
    /// <summary>Largest header accepted (100 MB), as in the reference implementation.</summary>
    public const long MaxHeaderBytes = 100L * 1024 * 1024;

    private SafeTensorsHeader(
        IReadOnlyList<TensorInfo> tensors, IReadOnlyDictionary<string, string> metadata, long headerLength)
    {
        Tensors = tensors;
        Metadata = metadata;
        HeaderLength = headerLength;
        ByName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Tensors in file order (sorted by data offset).</summary>
    public IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Tensors by name.</summary>
    public IReadOnlyDictionary<string, TensorInfo> ByName { get; }

    /// <summary>The optional <c>__metadata__</c> string map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Length N of the JSON header in bytes.</summary>
    public long HeaderLength { get; }

    /// <summary>Absolute file offset of the data buffer (8 + N).</summary>
    public long DataStart => 8 + HeaderLength;

    /// <summary>Reads and validates the header of <paramref name="path"/> without touching tensor data.</summary>
    public static SafeTensorsHeader Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        return Read(stream, path);
    }

    /// <summary>Reads and validates a header from <paramref name="stream"/> positioned at the file start.</summary>
    public static SafeTensorsHeader Read(Stream stream, string path)
    {
        long fileLength = stream.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (fileLength < 8 || stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            throw new SafeTensorsFormatException(path, $"file is truncated: {fileLength} bytes, fewer than the 8-byte header length prefix");
        }
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderBytes)
        {
            throw new SafeTensorsFormatException(path, $"header length {n} exceeds the {MaxHeaderBytes}-byte limit");
        }
        if (n < 2)
        {
            throw new SafeTensorsFormatException(path, $"header length {n} is too small for a JSON object");
        }
        if ((long)n > fileLength - 8)
        {
            throw new SafeTensorsFormatException(path, $"file is truncated: header length {n} but only {fileLength - 8} bytes follow the prefix");
        }
        byte[] json = new byte[(int)n];
        stream.ReadExactly(json);
        return Parse(json, fileLength - 8 - (long)n, path);
    }

    /// <summary>Parses header JSON bytes and validates them against a data buffer of <paramref name="dataLength"/> bytes.</summary>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> json, long dataLength, string path)
    {
        int first = 0;
        while (first < json.Length && json[first] == (byte)' ')
        {
            first++;
        }
        if (first >= json.Length || json[first] != (byte)'{')
        {
            throw new SafeTensorsFormatException(path, "header is not a JSON object (must start with '{')");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsFormatException(path, $"header is not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException(path, "header is not a JSON object");
            }
            var tensors = new List<TensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name))
                {
                    throw new SafeTensorsFormatException(path, $"duplicate entry '{prop.Name}' in header");
                }
                if (prop.Name == "__metadata__")
                {
                    ReadMetadata(prop.Value, metadata, path);
                    continue;
                }
                tensors.Add(ReadTensor(prop.Name, prop.Value, path));
            }
            ValidateLayout(tensors, dataLength, path);
            tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            return new SafeTensorsHeader(tensors, metadata, json.Length);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(path, "__metadata__ must be an object of strings");
        }
        foreach (JsonProperty m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException(path, $"__metadata__ value '{m.Name}' is not a string");
            }
            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static TensorInfo ReadTensor(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': entry is not an object");
        }
        if (!value.TryGetProperty("dtype", out JsonElement dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': missing string 'dtype'");
        }
        string dtypeName = dtypeEl.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dtypeName, out SafeTensorsDType dtype) || SafeTensorsDTypes.ToName(dtype) != dtypeName)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': unknown dtype '{dtypeName}'");
        }
        if (!value.TryGetProperty("shape", out JsonElement shapeEl) || shapeEl.ValueKind != JsonValueKind.Array)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': missing array 'shape'");
        }
        var shape = new List<long>();
        foreach (JsonElement d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long dim) || dim < 0)
            {
                throw new SafeTensorsFormatException(path, $"tensor '{name}': shape entries must be non-negative integers");
            }
            shape.Add(dim);
        }
        if (!value.TryGetProperty("data_offsets", out JsonElement offEl) || offEl.ValueKind != JsonValueKind.Array
            || offEl.GetArrayLength() != 2)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': 'data_offsets' must be [begin, end]");
        }
        if (!offEl[0].TryGetInt64(out long begin) || !offEl[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': invalid data_offsets (need 0 <= begin <= end)");
        }
        long expected;
        try
        {
            expected = checked(TensorInfo.CountElements(shape) * SafeTensorsDTypes.SizeOf(dtype));
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}': shape {TensorInfo.FormatShape(shape)} overflows");
        }
        if (end - begin != expected)
        {
            throw new SafeTensorsFormatException(path,
                $"tensor '{name}': {dtypeName} x {TensorInfo.FormatShape(shape)} needs {expected} bytes but data_offsets [{begin}, {end}) span {end - begin}");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void ValidateLayout(List<TensorInfo> tensors, long dataLength, string path)
    {
        var ordered = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long cursor = 0;
        foreach (TensorInfo t in ordered)
        {
            if (t.Begin < cursor)
            {
                throw new SafeTensorsFormatException(path, $"tensor '{t.Name}': data_offsets [{t.Begin}, {t.End}) overlap the previous tensor (ends at {cursor})");
            }
            if (t.Begin > cursor)
            {
                throw new SafeTensorsFormatException(path, $"tensor '{t.Name}': data_offsets [{t.Begin}, {t.End}) leave a hole after offset {cursor}");
            }
            cursor = t.End;
        }
        if (cursor > dataLength)
        {
            throw new SafeTensorsFormatException(path, $"data_offsets reach byte {cursor} but the data buffer has only {dataLength} bytes (file truncated?)");
        }
        if (cursor < dataLength)
        {
            throw new SafeTensorsFormatException(path, $"data buffer has {dataLength - cursor} trailing bytes not covered by any tensor");
        }
    }

    /// <summary>Serialises a header for <paramref name="specs"/> (data laid out in the given order), padded with spaces to a multiple of 8.</summary>
    public static byte[] Serialize(IReadOnlyList<TensorSpec> specs, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (KeyValuePair<string, string> kv in metadata)
                {
                    w.WriteString(kv.Key, kv.Value);
                }
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (TensorSpec s in specs)
            {
                w.WriteStartObject(s.Name);
                w.WriteString("dtype", SafeTensorsDTypes.ToName(s.DType));
                w.WriteStartArray("shape");
                foreach (long d in s.Shape)
                {
                    w.WriteNumberValue(d);
                }
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += s.ByteLength;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        int length = (int)buffer.Length;
        int padded = (length + 7) / 8 * 8;
        byte[] result = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        buffer.GetBuffer().AsSpan(0, length).CopyTo(result.AsSpan(8));
        result.AsSpan(8 + length).Fill((byte)' ');
        return result;
    }
}
