using System.Numerics.Tensors;
using GraphFusion.Merging.Lora;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>Shape and element type of a tensor as an input presents it.</summary>
/// <param name="Shape">Dimensions.</param>
/// <param name="DType">Stored element type.</param>
internal sealed record TensorSlot(IReadOnlyList<long> Shape, SafeTensorsDType DType);

/// <summary>A merge input seen as a set of named tensors; counts the bytes it reads.</summary>
internal abstract class InputModel : IDisposable
{
    private long _bytesRead;

    protected InputModel(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>Name as written in the recipe.</summary>
    public string Name { get; }

    /// <summary>Resolved path.</summary>
    public string Path { get; }

    /// <summary>Tensors this input provides, by target name.</summary>
    public abstract IReadOnlyDictionary<string, TensorSlot> Tensors { get; }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Reads a tensor as float.</summary>
    public abstract float[] ReadFloat(string name);

    /// <summary>Reads a tensor's stored bytes (for passthrough copies).</summary>
    public abstract byte[] ReadBytes(string name);

    protected void Count(long bytes) => Interlocked.Add(ref _bytesRead, bytes);

    public abstract void Dispose();
}

/// <summary>A full safetensors checkpoint.</summary>
internal sealed class CheckpointInput : InputModel
{
    private readonly SafeTensorsCheckpoint _checkpoint;

    public CheckpointInput(string name, SafeTensorsCheckpoint checkpoint)
        : base(name, checkpoint.Location)
    {
        _checkpoint = checkpoint;
        Tensors = checkpoint.Tensors.ToDictionary(kv => kv.Key, kv => new TensorSlot(kv.Value.Shape, kv.Value.DType), StringComparer.Ordinal);
    }

    public SafeTensorsCheckpoint Checkpoint => _checkpoint;

    public override IReadOnlyDictionary<string, TensorSlot> Tensors { get; }

    public override float[] ReadFloat(string name)
    {
        Count(_checkpoint.Tensors[name].ByteLength);
        return _checkpoint.ReadFloat(name);
    }

    public override byte[] ReadBytes(string name)
    {
        Count(_checkpoint.Tensors[name].ByteLength);
        return _checkpoint.ReadBytes(name);
    }

    /// <summary>Reads a tensor's stored bytes into <paramref name="destination"/>.</summary>
    public void ReadRaw(string name, Span<byte> destination)
    {
        Count(_checkpoint.Tensors[name].ByteLength);
        _checkpoint.ReadRaw(name, destination);
    }

    /// <summary>Reads part of a tensor's stored bytes, <paramref name="byteOffset"/> bytes in, into <paramref name="destination"/>.</summary>
    public void ReadRawRange(string name, long byteOffset, Span<byte> destination)
    {
        Count(destination.Length);
        _checkpoint.ReadRawRange(name, byteOffset, destination);
    }

    public override void Dispose() => _checkpoint.Dispose();
}

/// <summary>
/// A LoRA adapter. Without a base it presents its task vectors τ = scale·B·A under the target weight names plus
/// its non-LoRA tensors; with a base checkpoint it presents the full fine-tuned model: θ_base + τ for adapted
/// weights, its own tensors for non-LoRA entries, and the base tensors elsewhere.
/// </summary>
internal sealed class AdapterInput : InputModel
{
    private readonly CheckpointInput? _base;
    private readonly Dictionary<string, TensorSlot> _tensors;

    public AdapterInput(string name, LoraAdapter adapter, CheckpointInput? baseModel)
        : base(name, adapter.Directory)
    {
        Adapter = adapter;
        _base = baseModel;
        _tensors = new Dictionary<string, TensorSlot>(StringComparer.Ordinal);
        if (baseModel is not null)
        {
            foreach (KeyValuePair<string, TensorSlot> kv in baseModel.Tensors)
            {
                _tensors[kv.Key] = kv.Value;
            }
        }
        foreach (LoraModule m in adapter.Modules.Values)
        {
            if (baseModel is null)
            {
                _tensors[m.TargetWeightName] = new TensorSlot(m.DeltaShape, adapter.Weights.Tensors[m.LoraAName].DType);
            }
        }
        foreach ((string target, string stored) in adapter.ExtraTensors)
        {
            TensorInfo info = adapter.Weights.Tensors[stored];
            _tensors[target] = new TensorSlot(info.Shape, info.DType);
        }
    }

    public LoraAdapter Adapter { get; }

    public override IReadOnlyDictionary<string, TensorSlot> Tensors => _tensors;

    public override float[] ReadFloat(string name)
    {
        if (Adapter.ExtraTensors.TryGetValue(name, out string? stored))
        {
            Count(Adapter.Weights.Tensors[stored].ByteLength);
            return Adapter.Weights.ReadFloat(stored);
        }
        if (Adapter.Modules.TryGetValue(name, out LoraModule? module))
        {
            Count(Adapter.Weights.Tensors[module.LoraAName].ByteLength + Adapter.Weights.Tensors[module.LoraBName].ByteLength);
            float[] delta = Adapter.ComputeDelta(module);
            if (_base is not null)
            {
                TensorPrimitives.Add(delta, _base.ReadFloat(name), delta);
            }
            return delta;
        }
        return _base is not null
            ? _base.ReadFloat(name)
            : throw new KeyNotFoundException($"{Path}: no tensor '{name}'");
    }

    public override byte[] ReadBytes(string name)
    {
        if (Adapter.ExtraTensors.TryGetValue(name, out string? stored))
        {
            Count(Adapter.Weights.Tensors[stored].ByteLength);
            return Adapter.Weights.ReadBytes(stored);
        }
        if (_base is not null && !Adapter.Modules.ContainsKey(name))
        {
            return _base.ReadBytes(name);
        }
        TensorSlot slot = _tensors[name];
        return DTypeConverter.FromFloat(ReadFloat(name), slot.DType);
    }

    public override void Dispose() => Adapter.Dispose();
}
