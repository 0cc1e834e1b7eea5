using System.Text.Json;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>
/// Writes a checkpoint shard by shard: tensors are assigned to shards in order so that each shard stays
/// under <c>maxShardBytes</c> (a tensor larger than the limit gets a shard of its own). One shard is
/// written as <c>model.safetensors</c>; several as <c>model-0000i-of-0000n.safetensors</c> plus
/// <c>model.safetensors.index.json</c>. Tensors must be supplied in spec order.
/// </summary>
public sealed class ShardedCheckpointWriter : IDisposable
{
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, string>? _metadata;
    private readonly List<List<TensorSpec>> _shards;
    private readonly List<string> _shardNames;
    private readonly List<OutputFile> _written = [];
    private SafeTensorsWriter? _current;
    private int _shardIndex = -1;

    /// <summary>Plans the shards for <paramref name="specs"/> under <paramref name="directory"/>.</summary>
    public ShardedCheckpointWriter(string directory, IReadOnlyList<TensorSpec> specs, long maxShardBytes, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxShardBytes, 0);
        _directory = directory;
        _metadata = metadata;
        _shards = PlanShards(specs, maxShardBytes);
        _shardNames = _shards.Count == 1
            ? [SafeTensorsCheckpoint.SingleFileName]
            : Enumerable.Range(1, _shards.Count).Select(i => $"model-{i:D5}-of-{_shards.Count:D5}.safetensors").ToList();
        Directory.CreateDirectory(directory);
    }

    /// <summary>Number of shards that will be written.</summary>
    public int ShardCount => _shards.Count;

    /// <summary>Greedy in-order assignment of tensors to shards.</summary>
    public static List<List<TensorSpec>> PlanShards(IReadOnlyList<TensorSpec> specs, long maxShardBytes)
    {
        var shards = new List<List<TensorSpec>> { new() };
        long size = 0;
        foreach (TensorSpec s in specs)
        {
            if (shards[^1].Count > 0 && size + s.ByteLength > maxShardBytes)
            {
                shards.Add([]);
                size = 0;
            }
            shards[^1].Add(s);
            size += s.ByteLength;
        }
        return shards;
    }

    /// <summary>Writes the next tensor, opening the next shard when needed.</summary>
    public void WriteTensor(string name, ReadOnlySpan<byte> data)
    {
        while (_current is null || _current.NextTensorName is null)
        {
            if (_current is not null)
            {
                _written.Add(_current.Complete());
                _current.Dispose();
                _current = null;
            }
            _shardIndex++;
            if (_shardIndex >= _shards.Count)
            {
                throw new InvalidOperationException($"unexpected tensor '{name}': all shards are complete");
            }
            _current = new SafeTensorsWriter(Path.Combine(_directory, _shardNames[_shardIndex]), _shards[_shardIndex], _metadata);
        }
        _current.WriteTensor(name, data);
    }

    /// <summary>Closes the last shard, writes the index when sharded, and returns all files written.</summary>
    public IReadOnlyList<OutputFile> Complete()
    {
        // Shards with no tensors (an empty checkpoint) are still written so that the output is readable.
        while (_shardIndex < _shards.Count - 1 || _current is not null)
        {
            if (_current is not null)
            {
                if (_current.NextTensorName is not null)
                {
                    throw new InvalidOperationException($"tensor '{_current.NextTensorName}' was not written");
                }
                _written.Add(_current.Complete());
                _current.Dispose();
                _current = null;
                continue;
            }
            _shardIndex++;
            _current = new SafeTensorsWriter(Path.Combine(_directory, _shardNames[_shardIndex]), _shards[_shardIndex], _metadata);
        }
        if (_shards.Count > 1)
        {
            string indexPath = Path.Combine(_directory, SafeTensorsCheckpoint.IndexFileName);
            using (var stream = File.Create(indexPath))
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteStartObject("metadata");
                w.WriteNumber("total_size", _shards.Sum(s => s.Sum(t => t.ByteLength)));
                w.WriteEndObject();
                w.WriteStartObject("weight_map");
                for (int i = 0; i < _shards.Count; i++)
                {
                    foreach (TensorSpec s in _shards[i])
                    {
                        w.WriteString(s.Name, _shardNames[i]);
                    }
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            _written.Add(OutputFile.Describe(indexPath));
        }
        return _written;
    }

    /// <inheritdoc />
    public void Dispose() => _current?.Dispose();
}
