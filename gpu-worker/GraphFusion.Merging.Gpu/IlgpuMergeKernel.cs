using System.Buffers;
using GraphFusion.Merging.Execution;
using GraphFusion.Merging.LinearAlgebra;
using GraphFusion.Merging.SafeTensors;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace GraphFusion.Merging.Gpu;

/// <summary>
/// <see cref="IMergeKernel"/> on an ILGPU accelerator (CUDA, or ILGPU's CPU accelerator for verification). Each
/// tensor is processed in blocks: the CPU decodes a block of every input to float32, the device merges it
/// (<see cref="ElementwiseMergeKernels"/>), the CPU encodes the result. TIES thresholds are computed on the CPU
/// over the whole tensor first, exactly as the CPU kernel does, so the trim is the same. One accelerator serves
/// concurrent tensors one block at a time; decoding and encoding run outside the device lock.
/// </summary>
public sealed class IlgpuMergeKernel : IMergeKernel, IDisposable
{
    /// <summary>Elements per block by default (64 MiB of float32 per input).</summary>
    public const int DefaultBlockElements = 1 << 24;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly int _blockElements;
    private readonly Action<Index1D, ArrayView1D<float, Stride1D.Dense>, ArrayView1D<float, Stride1D.Dense>, ArrayView1D<float, Stride1D.Dense>,
        ArrayView1D<double, Stride1D.Dense>, ArrayView1D<ulong, Stride1D.Dense>, ArrayView1D<float, Stride1D.Dense>, MergeLaunchParameters> _merge;
    private readonly Lock _device = new();
    private DeviceBuffers? _buffers;

    private IlgpuMergeKernel(Context context, Accelerator accelerator, string name, int blockElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockElements, 1);
        _context = context;
        _accelerator = accelerator;
        _blockElements = blockElements;
        Name = name;
        _merge = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView1D<float, Stride1D.Dense>, ArrayView1D<float, Stride1D.Dense>,
            ArrayView1D<float, Stride1D.Dense>, ArrayView1D<double, Stride1D.Dense>, ArrayView1D<ulong, Stride1D.Dense>,
            ArrayView1D<float, Stride1D.Dense>, MergeLaunchParameters>(ElementwiseMergeKernels.Merge);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The device as ILGPU names it.</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>A kernel on the first CUDA device ILGPU finds, or null when there is none (no GPU, no driver).</summary>
    public static IlgpuMergeKernel? TryCreateCuda(int blockElements = DefaultBlockElements)
    {
        Context? context = null;
        try
        {
            context = Context.Create(builder => builder.Cuda());
            if (context.GetCudaDevices().Count == 0)
            {
                context.Dispose();
                return null;
            }
            CudaAccelerator accelerator = context.CreateCudaAccelerator(0);
            return new IlgpuMergeKernel(context, accelerator, "ilgpu-cuda", blockElements);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException or CudaException)
        {
            context?.Dispose();
            return null;
        }
    }

    /// <summary>A kernel on ILGPU's CPU accelerator: same kernel code, run on the CPU; slow, for verification.</summary>
    public static IlgpuMergeKernel CreateCpu(int blockElements = DefaultBlockElements)
    {
        var context = Context.Create(builder => builder.CPU());
        return new IlgpuMergeKernel(context, context.CreateCPUAccelerator(0), "ilgpu-cpu", blockElements);
    }

    void IMergeKernel.Run(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
        SafeTensorsDType outputType, string tensorName, ulong seed, int maxDegreeOfParallelism)
    {
        if (spec.UsesBase && baseTensor is null)
        {
            throw new ArgumentException("the method needs a base tensor", nameof(baseTensor));
        }
        int n = spec.UsesBase ? baseTensor!.Value.ElementCount : models[0].ElementCount;
        if (models.Any(m => m.ElementCount != n))
        {
            throw new ArgumentException($"tensor '{tensorName}': inputs differ in length", nameof(models));
        }
        if (output.Length != (long)n * SafeTensorsDTypes.SizeOf(outputType))
        {
            throw new ArgumentException($"tensor '{tensorName}': output buffer has the wrong size", nameof(output));
        }
        if (n == 0)
        {
            return;
        }
        LaunchInputs inputs = LaunchInputs.For(spec, spec.UsesBase ? baseTensor : null, models, tensorName, seed, maxDegreeOfParallelism);
        int m = models.Count;
        int block = Math.Min(n, _blockElements);
        float[] baseHost = ArrayPool<float>.Shared.Rent(block);
        float[] modelsHost = ArrayPool<float>.Shared.Rent(m * block);
        float[] resultHost = ArrayPool<float>.Shared.Rent(block);
        try
        {
            for (int start = 0; start < n; start += block)
            {
                int count = Math.Min(block, n - start);
                Decode(spec.UsesBase ? baseTensor : null, models, start, count, baseHost, modelsHost, maxDegreeOfParallelism);
                MergeOnDevice(inputs, start, count, baseHost, modelsHost, resultHost);
                int size = SafeTensorsDTypes.SizeOf(outputType);
                DTypeConverter.FromFloat(resultHost.AsSpan(0, count), outputType, output.Span.Slice(start * size, count * size));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(baseHost);
            ArrayPool<float>.Shared.Return(modelsHost);
            ArrayPool<float>.Shared.Return(resultHost);
        }
    }

    /// <summary>Decodes [start, start+count) of the base and of each model (model i at i·count), one input per task.</summary>
    private static void Decode(RawTensor? baseTensor, IReadOnlyList<RawTensor> models, int start, int count, float[] baseHost, float[] modelsHost,
        int maxDegreeOfParallelism)
    {
        int inputs = models.Count + 1;
        Parallel.For(0, inputs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, j =>
        {
            if (j == models.Count)
            {
                if (baseTensor is { } b)
                {
                    DecodeInto(b, start, baseHost.AsSpan(0, count));
                }
                return;
            }
            DecodeInto(models[j], start, modelsHost.AsSpan(j * count, count));
        });
    }

    private static void DecodeInto(RawTensor tensor, int start, Span<float> destination)
    {
        int size = SafeTensorsDTypes.SizeOf(tensor.DType);
        DTypeConverter.ToFloat(tensor.Bytes.Span.Slice(start * size, destination.Length * size), tensor.DType, destination);
    }

    private void MergeOnDevice(LaunchInputs inputs, int start, int count, float[] baseHost, float[] modelsHost, float[] resultHost)
    {
        int m = inputs.RandomStates.Length;
        MergeLaunchParameters parameters = inputs.Parameters;
        parameters.Count = count;
        parameters.Start = start;
        lock (_device)
        {
            DeviceBuffers buffers = _buffers = DeviceBuffers.Ensure(_buffers, _accelerator, count, m);
            AcceleratorStream stream = _accelerator.DefaultStream;
            ArrayView1D<float, Stride1D.Dense> baseView = buffers.Base.View.SubView(0, count);
            ArrayView1D<float, Stride1D.Dense> modelsView = buffers.Models.View.SubView(0, (long)m * count);
            ArrayView1D<float, Stride1D.Dense> floatsView = buffers.Floats.View.SubView(0, 2 * m);
            ArrayView1D<double, Stride1D.Dense> doublesView = buffers.Doubles.View.SubView(0, 2 * m);
            ArrayView1D<ulong, Stride1D.Dense> statesView = buffers.RandomStates.View.SubView(0, m);
            ArrayView1D<float, Stride1D.Dense> resultView = buffers.Result.View.SubView(0, count);
            if (parameters.UsesBase != 0)
            {
                baseView.CopyFromCPU(stream, new ReadOnlySpan<float>(baseHost, 0, count));
            }
            modelsView.CopyFromCPU(stream, new ReadOnlySpan<float>(modelsHost, 0, m * count));
            floatsView.CopyFromCPU(stream, new ReadOnlySpan<float>(inputs.Floats));
            doublesView.CopyFromCPU(stream, new ReadOnlySpan<double>(inputs.Doubles));
            statesView.CopyFromCPU(stream, new ReadOnlySpan<ulong>(inputs.RandomStates));
            _merge(count, baseView, modelsView, floatsView, doublesView, statesView, resultView, parameters);
            resultView.CopyToCPU(stream, new Span<float>(resultHost, 0, count));
            stream.Synchronize();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_device)
        {
            _buffers?.Dispose();
            _buffers = null;
        }
        _accelerator.Dispose();
        _context.Dispose();
    }

    /// <summary>Per-tensor launch inputs: the per-model parameters and the scalars that do not change between blocks.</summary>
    private sealed record LaunchInputs(float[] Floats, double[] Doubles, ulong[] RandomStates, MergeLaunchParameters Parameters)
    {
        public static LaunchInputs For(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, string tensorName, ulong seed,
            int maxDegreeOfParallelism)
        {
            int m = models.Count;
            var floats = new float[2 * m];
            var doubles = new double[2 * m];
            var states = new ulong[m];
            float[] sumWeights = FusedMergeKernel.WeightedSumWeights(spec);
            float[]? thresholds = spec.Sparsifier == Sparsifier.TopMagnitude
                ? FusedMergeKernel.TopMagnitudeThresholds(spec, baseTensor!.Value, models, maxDegreeOfParallelism)
                : null;
            for (int i = 0; i < m; i++)
            {
                double density = spec.Densities[i];
                doubles[2 * i] = spec.Weights[i];
                doubles[(2 * i) + 1] = density;
                floats[(2 * i) + 1] = sumWeights[i];
                if (thresholds is not null)
                {
                    floats[2 * i] = density >= 1 ? 0f : thresholds[i];
                }
                else if (spec.Sparsifier == Sparsifier.RandomDrop)
                {
                    floats[2 * i] = density > 0 ? (float)(1.0 / density) : 0f;
                    states[i] = SplitMix64.For(seed, tensorName, i).State;
                }
            }
            var parameters = new MergeLaunchParameters
            {
                Models = m,
                UsesBase = spec.UsesBase ? 1 : 0,
                Sparsifier = spec.Sparsifier switch
                {
                    Sparsifier.TopMagnitude => MergeLaunchParameters.TopMagnitude,
                    Sparsifier.RandomDrop => MergeLaunchParameters.RandomDrop,
                    _ => MergeLaunchParameters.NoSparsifier,
                },
                DisjointMean = spec.Combination == Combination.DisjointMean ? 1 : 0,
                Normalize = spec.Normalize ? 1 : 0,
                ApplyLambda = spec.Lambda != 1.0 ? 1 : 0,
                Lambda = (float)spec.Lambda,
            };
            return new LaunchInputs(floats, doubles, states, parameters);
        }
    }

    /// <summary>Device buffers kept between blocks and tensors; grown when a larger block or more models come.</summary>
    private sealed class DeviceBuffers(Accelerator accelerator, int elements, int models) : IDisposable
    {
        public int Elements { get; } = elements;
        public int ModelCount { get; } = models;
        public MemoryBuffer1D<float, Stride1D.Dense> Base { get; } = accelerator.Allocate1D<float>(elements);
        public MemoryBuffer1D<float, Stride1D.Dense> Models { get; } = accelerator.Allocate1D<float>((long)elements * models);
        public MemoryBuffer1D<float, Stride1D.Dense> Floats { get; } = accelerator.Allocate1D<float>(2 * models);
        public MemoryBuffer1D<double, Stride1D.Dense> Doubles { get; } = accelerator.Allocate1D<double>(2 * models);
        public MemoryBuffer1D<ulong, Stride1D.Dense> RandomStates { get; } = accelerator.Allocate1D<ulong>(models);
        public MemoryBuffer1D<float, Stride1D.Dense> Result { get; } = accelerator.Allocate1D<float>(elements);

        public static DeviceBuffers Ensure(DeviceBuffers? current, Accelerator accelerator, int elements, int models)
        {
            if (current is not null && current.Elements >= elements && current.ModelCount >= models)
            {
                return current;
            }
            int grownElements = Math.Max(elements, current?.Elements ?? 0);
            int grownModels = Math.Max(models, current?.ModelCount ?? 0);
            current?.Dispose();
            return new DeviceBuffers(accelerator, grownElements, grownModels);
        }

        public void Dispose()
        {
            Base.Dispose();
            Models.Dispose();
            Floats.Dispose();
            Doubles.Dispose();
            RandomStates.Dispose();
            Result.Dispose();
        }
    }
}
