using System.Text.Json;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>
/// A full checkpoint in safetensors form: a single <c>.safetensors</c> file, a folder with
/// <c>model.safetensors</c>, or a folder with a sharded <c>model.safetensors.index.json</c>.
/// Opening reads headers only; tensors are read on demand.
/// </summary>
public sealed class SafeTensorsCheckpoint : IDisposable
{
    /// <summary>File name of the shard index.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>File name of a single-file checkpoint.</summary>
    public const string SingleFileName = "model.safetensors";

    private readonly Dictionary<string, SafeTensorsFile> _fileByTensor;
    private readonly List<SafeTensorsFile> _files;

    private SafeTensorsCheckpoint(string location, List<SafeTensorsFile> files, Dictionary<string, SafeTensorsFile> fileByTensor)
    {
        Location = location;
        _files = files;
        _fileByTensor = fileByTensor;
        Tensors = fileByTensor.ToDictionary(kv => kv.Key, kv => kv.Value.Header.ByName[kv.Key], StringComparer.Ordinal);
    }

    /// <summary>The path the checkpoint was opened from.</summary>
    public string Location { get; }

    /// <summary>All tensors by name.</summary>
    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    /// <summary>The underlying files.</summary>
    public IReadOnlyList<SafeTensorsFile> Files => _files;

    /// <summary>Metadata of the first file.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _files.Count > 0 ? _files[0].Header.Metadata : new Dictionary<string, string>();

    /// <summary>True when <paramref name="path"/> looks like a full checkpoint (file or folder with model.safetensors / index).</summary>
    public static bool IsCheckpoint(string path) =>
        (File.Exists(path) && path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        || File.Exists(System.IO.Path.Combine(path, IndexFileName))
        || File.Exists(System.IO.Path.Combine(path, SingleFileName));

    /// <summary>Opens a checkpoint file or folder; throws <see cref="SafeTensorsFormatException"/> naming the file on any format problem.</summary>
    public static SafeTensorsCheckpoint Open(string path)
    {
        if (File.Exists(path))
        {
            return FromFiles(path, [path], null);
        }
        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: checkpoint not found", path);
        }
        string index = System.IO.Path.Combine(path, IndexFileName);
        if (File.Exists(index))
        {
            Dictionary<string, string> weightMap = ReadIndex(index);
            var shardNames = weightMap.Values.Distinct(StringComparer.Ordinal).ToList();
            var shardPaths = shardNames.Select(n => System.IO.Path.Combine(path, n)).ToList();
            return FromFiles(path, shardPaths, weightMap.ToDictionary(kv => kv.Key, kv => System.IO.Path.Combine(path, kv.Value), StringComparer.Ordinal));
        }
        string single = System.IO.Path.Combine(path, SingleFileName);
        if (File.Exists(single))
        {
            return FromFiles(path, [single], null);
        }
        throw new FileNotFoundException($"{path}: neither {SingleFileName} nor {IndexFileName} found", path);
    }

    /// <summary>Reads the <c>weight_map</c> of a shard index.</summary>
    public static Dictionary<string, string> ReadIndex(string indexPath)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (!doc.RootElement.TryGetProperty("weight_map", out JsonElement map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException(indexPath, "index has no 'weight_map' object");
            }
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty p in map.EnumerateObject())
            {
                string? file = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                if (string.IsNullOrEmpty(file) || file.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(file))
                {
                    throw new SafeTensorsFormatException(indexPath, $"weight_map entry '{p.Name}' must name a shard file in the same folder");
                }
                result[p.Name] = file;
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsFormatException(indexPath, $"index is not valid JSON: {ex.Message}", ex);
        }
    }

    private static SafeTensorsCheckpoint FromFiles(string location, List<string> paths, Dictionary<string, string>? weightMap)
    {
        var files = new List<SafeTensorsFile>();
        try
        {
            foreach (string p in paths)
            {
                files.Add(SafeTensorsFile.Open(p));
            }
            var byTensor = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
            var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            if (weightMap is null)
            {
                foreach (SafeTensorsFile f in files)
                {
                    foreach (TensorInfo t in f.Header.Tensors)
                    {
                        if (!byTensor.TryAdd(t.Name, f))
                        {
                            throw new SafeTensorsFormatException(f.Path, $"tensor '{t.Name}' appears in more than one file");
                        }
                    }
                }
            }
            else
            {
                foreach (KeyValuePair<string, string> kv in weightMap)
                {
                    SafeTensorsFile f = byPath[kv.Value];
                    if (!f.Header.ByName.ContainsKey(kv.Key))
                    {
                        throw new SafeTensorsFormatException(f.Path, $"index maps tensor '{kv.Key}' to this shard but the shard does not contain it");
                    }
                    byTensor[kv.Key] = f;
                }
                foreach (SafeTensorsFile f in files)
                {
                    foreach (TensorInfo t in f.Header.Tensors.Where(t => !weightMap.ContainsKey(t.Name)))
                    {
                        throw new SafeTensorsFormatException(f.Path, $"tensor '{t.Name}' is in the shard but missing from the index");
                    }
                }
            }
            return new SafeTensorsCheckpoint(location, files, byTensor);
        }
        catch
        {
            foreach (SafeTensorsFile f in files)
            {
                f.Dispose();
            }
            throw;
        }
    }

    /// <summary>Reads a floating tensor as float.</summary>
    public float[] ReadFloat(string name) => FileOf(name).ReadFloat(name);

    /// <summary>Reads the raw bytes of a tensor.</summary>
    public byte[] ReadBytes(string name) => FileOf(name).ReadBytes(name);

    /// <summary>Reads the stored bytes of a tensor into <paramref name="destination"/> (at least its byte length).</summary>
    public void ReadRaw(string name, Span<byte> destination) => FileOf(name).ReadRaw(Tensors[name], destination);

    /// <summary>Reads <c>destination.Length</c> stored bytes of a tensor from <paramref name="byteOffset"/> bytes into it.</summary>
    public void ReadRawRange(string name, long byteOffset, Span<byte> destination) => FileOf(name).ReadRawRange(Tensors[name], byteOffset, destination);

    private SafeTensorsFile FileOf(string name) =>
        _fileByTensor.TryGetValue(name, out SafeTensorsFile? f)
            ? f
            : throw new KeyNotFoundException($"{Location}: no tensor named '{name}'");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (SafeTensorsFile f in _files)
        {
            f.Dispose();
        }
    }
}
