using GraphFusion.Merging.Buffers;
using GraphFusion.Merging.LinearAlgebra;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>
/// Bytes for the output tensors of one plan item, plus reconstruction statistics for adapter modules. Owns the
/// pooled buffers behind <see cref="Data"/> and the memory-budget lease of the item: dispose after writing.
/// </summary>
internal sealed class ItemOutput(PlanItem item, IReadOnlyList<ReadOnlyMemory<byte>> data, double errorSquared, double normSquared,
    bool isFactorised, IReadOnlyList<IDisposable>? owned = null) : IDisposable
{
    private IReadOnlyList<IDisposable>? _owned = owned;

    public PlanItem Item { get; } = item;
    public IReadOnlyList<ReadOnlyMemory<byte>> Data { get; } = data;
    public double ErrorSquared { get; } = errorSquared;
    public double NormSquared { get; } = normSquared;
    public bool IsFactorised { get; } = isFactorised;

    /// <summary>Budget held for this item until it is written.</summary>
    public BudgetLease? Lease { get; set; }

    public void Dispose()
    {
        foreach (IDisposable d in Interlocked.Exchange(ref _owned, null) ?? [])
        {
            d.Dispose();
        }
        Lease?.Dispose();
    }
}

/// <summary>
/// Computes plan items: reads the inputs of one item, merges, converts to the output type. Element-wise methods
/// over checkpoints take the streaming path (raw bytes into pooled buffers, fused chunked kernel, output encoded
/// into a pooled buffer); other methods and adapter inputs take the general path over float arrays.
/// </summary>
internal sealed class TensorComputer(MergePlan plan, TensorBufferPool pool, int maxDegreeOfParallelism, IMergeKernel kernel,
    long sliceBytesPerInput = TensorComputer.DefaultSliceBytesPerInput)
{
    /// <summary>Bytes of each input read per slice when a large tensor is merged slice by slice.</summary>
    public const long DefaultSliceBytesPerInput = 8L << 20;

    public ItemOutput Compute(PlanItem item) => item switch
    {
        MergeTensorItem m => TryStreamingMerge(m) ?? new ItemOutput(item,
            [DTypeConverter.FromFloat(MergeTensor(m.Output.Name, m.ModelParameters, m.GlobalParameters, zeroBase: false), m.Output.DType)], 0, 0, false),
        CopyTensorItem c => Copy(c),
        AdapterModuleItem a => Factorise(a),
        _ => throw new InvalidOperationException($"unknown plan item {item.GetType().Name}"),
    };

    /// <summary>Bytes the item holds while in flight (inputs, scratch and output), for the memory budget.</summary>
    public long EstimateBytes(PlanItem item)
    {
        switch (item)
        {
            case MergeTensorItem m when StreamingInputs(m) is { } inputs:
                {
                    int slice = SliceElements(m, inputs);
                    return slice > 0
                        ? inputs.Sum(i => (long)slice * SafeTensorsDTypes.SizeOf(i.Checkpoint.Tensors[m.Output.Name].DType)) + m.Output.ByteLength
                        : inputs.Sum(i => i.Checkpoint.Tensors[m.Output.Name].ByteLength) + m.Output.ByteLength;
                }
            case MergeTensorItem m:
                {
                    long floats = TensorInfo.CountElements(m.Output.Shape) * sizeof(float);
                    // Inputs and base as float, one task vector per model and the result.
                    return floats * ((2 * plan.Models.Count) + 2) + m.Output.ByteLength;
                }
            case CopyTensorItem c:
                {
                    TensorSlot slot = c.Source.Tensors[c.SourceName];
                    long stored = TensorInfo.CountElements(slot.Shape) * SafeTensorsDTypes.SizeOf(slot.DType);
                    return slot.DType == c.Output.DType ? stored : stored + (TensorInfo.CountElements(slot.Shape) * sizeof(float)) + c.Output.ByteLength;
                }
            case AdapterModuleItem a:
                return (long)a.Rows * a.Cols * sizeof(float) * ((2 * plan.Models.Count) + 3) + a.LoraA.ByteLength + a.LoraB.ByteLength;
            default:
                return 0;
        }
    }

    /// <summary>The checkpoints the streaming path reads for <paramref name="m"/> (base first when used), or null when it cannot stream.</summary>
    private List<CheckpointInput>? StreamingInputs(MergeTensorItem m)
    {
        FusedMergeSpec? spec = FusedMergeSpec.TryCreate(plan.Method, m.ModelParameters, m.GlobalParameters);
        if (spec is null || plan.Models.Any(x => x is not CheckpointInput))
        {
            return null;
        }
        var inputs = new List<CheckpointInput>(plan.Models.Count + 1);
        if (spec.UsesBase)
        {
            if (plan.Base is not CheckpointInput b)
            {
                return null;
            }
            inputs.Add(b);
        }
        inputs.AddRange(plan.Models.Cast<CheckpointInput>());
        return inputs.All(i => SafeTensorsDTypes.IsMergeable(i.Checkpoint.Tensors[m.Output.Name].DType)) ? inputs : null;
    }

    private ItemOutput? TryStreamingMerge(MergeTensorItem m)
    {
        List<CheckpointInput>? inputs = StreamingInputs(m);
        if (inputs is null)
        {
            return null;
        }
        int slice = SliceElements(m, inputs);
        if (slice > 0)
        {
            return MergeInSlices(m, inputs, slice);
        }
        FusedMergeSpec spec = FusedMergeSpec.TryCreate(plan.Method, m.ModelParameters, m.GlobalParameters)!;
        string name = m.Output.Name;
        var buffers = new List<IDisposable>(inputs.Count + 1);
        try
        {
            var raw = new List<RawTensor>(inputs.Count);
            foreach (CheckpointInput input in inputs)
            {
                TensorInfo info = input.Checkpoint.Tensors[name];
                PooledBuffer buffer = pool.Rent(info.ByteLength);
                buffers.Add(buffer);
                input.ReadRaw(name, buffer.Span);
                raw.Add(new RawTensor(buffer.Memory, info.DType));
            }
            PooledBuffer output = pool.Rent(m.Output.ByteLength);
            buffers.Add(output);
            RawTensor? baseTensor = spec.UsesBase ? raw[0] : null;
            IReadOnlyList<RawTensor> models = spec.UsesBase ? raw.GetRange(1, raw.Count - 1) : raw;
            kernel.Run(spec, baseTensor, models, output.Memory, m.Output.DType, name, plan.Seed, maxDegreeOfParallelism);

            // Inputs go back to the pool now; only the output waits for the writer.
            for (int i = 0; i < buffers.Count - 1; i++)
            {
                buffers[i].Dispose();
            }
            return new ItemOutput(m, [output.Memory], 0, 0, false, [output]);
        }
        catch
        {
            foreach (IDisposable b in buffers)
            {
                b.Dispose();
            }
            throw;
        }
    }

    /// <summary>
    /// Elements per slice when <paramref name="m"/> is merged slice by slice, or 0 to read the whole tensor at once.
    /// Slicing keeps a large tensor from holding the whole memory budget while it is read and computed, so several
    /// items fit and one is read while another computes. The CPU kernel's results do not depend on the slicing
    /// (element-wise, and the DARE stream is positioned by element index); the TIES trim needs thresholds over the
    /// whole tensor, and other kernels take whole tensors, so those read it whole.
    /// </summary>
    private int SliceElements(MergeTensorItem m, List<CheckpointInput> inputs)
    {
        FusedMergeSpec? spec = FusedMergeSpec.TryCreate(plan.Method, m.ModelParameters, m.GlobalParameters);
        if (kernel is not CpuSimdMergeKernel || spec is null || spec.Sparsifier == Sparsifier.TopMagnitude)
        {
            return 0;
        }
        string name = m.Output.Name;
        long n = inputs[0].Checkpoint.Tensors[name].ElementCount;
        int widest = inputs.Max(i => SafeTensorsDTypes.SizeOf(i.Checkpoint.Tensors[name].DType));
        long chunk = FusedMergeKernel.ChunkElements;
        long slice = Math.Max(chunk, sliceBytesPerInput / widest / chunk * chunk);
        return n > slice ? (int)slice : 0;
    }

    private ItemOutput MergeInSlices(MergeTensorItem m, List<CheckpointInput> inputs, int slice)
    {
        FusedMergeSpec spec = FusedMergeSpec.TryCreate(plan.Method, m.ModelParameters, m.GlobalParameters)!;
        string name = m.Output.Name;
        long n = inputs[0].Checkpoint.Tensors[name].ElementCount;
        int outputSize = SafeTensorsDTypes.SizeOf(m.Output.DType);
        var buffers = new List<PooledBuffer>(inputs.Count);
        PooledBuffer? output = null;
        try
        {
            foreach (CheckpointInput input in inputs)
            {
                buffers.Add(pool.Rent((long)slice * SafeTensorsDTypes.SizeOf(input.Checkpoint.Tensors[name].DType)));
            }
            output = pool.Rent(m.Output.ByteLength);
            var raw = new List<RawTensor>(inputs.Count);
            for (long first = 0; first < n; first += slice)
            {
                int count = (int)Math.Min(slice, n - first);
                raw.Clear();
                for (int i = 0; i < inputs.Count; i++)
                {
                    SafeTensorsDType dtype = inputs[i].Checkpoint.Tensors[name].DType;
                    int size = SafeTensorsDTypes.SizeOf(dtype);
                    Memory<byte> part = buffers[i].Memory[..(count * size)];
                    inputs[i].ReadRawRange(name, first * size, part.Span);
                    raw.Add(new RawTensor(part, dtype));
                }
                RawTensor? baseTensor = spec.UsesBase ? raw[0] : null;
                IReadOnlyList<RawTensor> models = spec.UsesBase ? raw.GetRange(1, raw.Count - 1) : raw;
                FusedMergeKernel.Run(spec, baseTensor, models, output.Memory.Slice((int)(first * outputSize), count * outputSize),
                    m.Output.DType, name, plan.Seed, maxDegreeOfParallelism, first);
            }
            return new ItemOutput(m, [output.Memory], 0, 0, false, [output]);
        }
        catch
        {
            output?.Dispose();
            throw;
        }
        finally
        {
            foreach (PooledBuffer b in buffers)
            {
                b.Dispose();
            }
        }
    }

    private float[] MergeTensor(string name, IReadOnlyList<IReadOnlyDictionary<string, double>> perModel,
        IReadOnlyDictionary<string, double> global, bool zeroBase)
    {
        IMergeMethod method = plan.Method;
        float[]? baseTensor = null;
        var models = new List<float[]>(plan.Models.Count);
        foreach (InputModel m in plan.Models)
        {
            models.Add(m.ReadFloat(name));
        }
        if (method.RequiresBase)
        {
            baseTensor = zeroBase || plan.Base is null ? new float[models[0].Length] : plan.Base.ReadFloat(name);
        }
        var context = new TensorMergeContext(name, baseTensor, models, perModel, global, plan.Seed);
        return method.Merge(context);
    }

    private ItemOutput Copy(CopyTensorItem c)
    {
        TensorSlot slot = c.Source.Tensors[c.SourceName];
        if (slot.DType == c.Output.DType && c.Source is CheckpointInput checkpoint)
        {
            PooledBuffer buffer = pool.Rent(c.Output.ByteLength);
            try
            {
                checkpoint.ReadRaw(c.SourceName, buffer.Span);
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
            return new ItemOutput(c, [buffer.Memory], 0, 0, false, [buffer]);
        }
        byte[] data = slot.DType == c.Output.DType
            ? c.Source.ReadBytes(c.SourceName)
            : DTypeConverter.FromFloat(c.Source.ReadFloat(c.SourceName), c.Output.DType);
        return new ItemOutput(c, [data], 0, 0, false);
    }

    private ItemOutput Factorise(AdapterModuleItem a)
    {
        float[] delta = a.Source is not null
            ? a.Source.ReadFloat(a.TargetName)
            : MergeTensor(a.TargetName, a.ModelParameters, a.GlobalParameters, zeroBase: true);
        ulong seed = SplitMix64.For(plan.Seed, a.TargetName, -1).NextUInt64();
        LowRankFactorization f = TruncatedSvd.Factorize(delta, a.Rows, a.Cols, a.Rank, seed);
        return new ItemOutput(a,
            [DTypeConverter.FromFloat(f.A, a.LoraA.DType), DTypeConverter.FromFloat(f.B, a.LoraB.DType)],
            f.ErrorSquared, f.NormSquared, true);
    }
}
