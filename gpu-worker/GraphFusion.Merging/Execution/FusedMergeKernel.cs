using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GraphFusion.Merging.LinearAlgebra;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>One input tensor as stored: raw little-endian bytes and their element type.</summary>
internal readonly record struct RawTensor(ReadOnlyMemory<byte> Bytes, SafeTensorsDType DType)
{
    public int ElementCount => Bytes.Length / SafeTensorsDTypes.SizeOf(DType);
}

/// <summary>
/// Evaluates a <see cref="FusedMergeSpec"/> over raw input tensors straight into the output's raw bytes, in chunks
/// small enough to stay in cache: each chunk is decoded to float, turned into task vectors, sparsified, combined,
/// added back to the base and encoded, in one pass. Chunks run in parallel (bounded); the DARE random stream is
/// advanced to each chunk's position, so results do not depend on the chunking. Results equal the methods'
/// whole-tensor implementations element for element.
/// </summary>
internal static partial class FusedMergeKernel
{
    /// <summary>Elements per chunk: a few float chunks per model fit in L2.</summary>
    internal const int ChunkElements = 16 * 1024;

    public static void Run(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
        SafeTensorsDType outputType, string tensorName, ulong seed, int maxDegreeOfParallelism) =>
        Run(spec, baseTensor, models, output, outputType, tensorName, seed, maxDegreeOfParallelism, firstElement: 0);

    /// <summary>
    /// As above over a slice of a tensor whose element 0 is element <paramref name="firstElement"/> of the whole tensor
    /// (the DARE stream is taken from there). Not for the TIES trim, whose thresholds need the whole tensor.
    /// </summary>
    public static void Run(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
        SafeTensorsDType outputType, string tensorName, ulong seed, int maxDegreeOfParallelism, long firstElement)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstElement);
        if (firstElement != 0 && spec.Sparsifier == Sparsifier.TopMagnitude)
        {
            throw new ArgumentException("the TIES trim needs the whole tensor", nameof(firstElement));
        }
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
        var job = new Job(spec, spec.UsesBase ? baseTensor : null, models, output, outputType, n, maxDegreeOfParallelism) { FirstElement = firstElement };
        if (spec.Sparsifier == Sparsifier.TopMagnitude)
        {
            job.ComputeThresholds();
        }
        else if (spec.Sparsifier == Sparsifier.RandomDrop)
        {
            job.Generators = Enumerable.Range(0, models.Count).Select(i => SplitMix64.For(seed, tensorName, i)).ToArray();
        }
        ForEachChunk(n, maxDegreeOfParallelism, job.MergeChunk);
    }

    /// <summary>Runs <paramref name="body"/>(start, count, scratch) over consecutive chunks, in parallel when there are several.</summary>
    internal static void ForEachChunk(int n, int maxDegreeOfParallelism, Action<int, int> body)
    {
        int chunks = (n + ChunkElements - 1) / ChunkElements;
        if (chunks <= 1 || maxDegreeOfParallelism <= 1)
        {
            for (int c = 0; c < chunks; c++)
            {
                int start = c * ChunkElements;
                body(start, Math.Min(ChunkElements, n - start));
            }
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c =>
        {
            int start = c * ChunkElements;
            body(start, Math.Min(ChunkElements, n - start));
        });
    }

    private sealed partial class Job(FusedMergeSpec spec, RawTensor? baseTensor, IReadOnlyList<RawTensor> models, Memory<byte> output,
        SafeTensorsDType outputType, int length, int maxDegreeOfParallelism)
    {
        private readonly float[] _weights = WeightsFor(spec);
        private float[]? _thresholds;

        public SplitMix64[]? Generators { get; set; }

        /// <summary>Position of element 0 in the whole tensor, for the DARE stream.</summary>
        public long FirstElement { get; init; }

        private static float[] WeightsFor(FusedMergeSpec spec)
        {
            // The disjoint mean works in double on the raw weights; the weighted sum uses float weights, normalised first.
            double total = spec.Weights.Sum();
            return spec.Weights.Select(w => (float)(spec.Normalize ? (total != 0 ? w / total : 0) : w)).ToArray();
        }

        /// <summary>TIES thresholds: the k-th largest |τ_i| of each model, by radix selection over the whole tensor.</summary>
        public void ComputeThresholds()
        {
            _thresholds = new float[models.Count];
            var selected = new List<int>();
            var ranks = new List<long>();
            for (int i = 0; i < models.Count; i++)
            {
                double density = spec.Densities[i];
                long k = Sparsification.KeepCount(length, density);
                if (density >= 1)
                {
                    _thresholds[i] = 0; // not trimmed
                }
                else if (k == 0)
                {
                    _thresholds[i] = float.PositiveInfinity; // everything is cleared
                }
                else
                {
                    selected.Add(i);
                    ranks.Add(k);
                }
            }
            if (selected.Count == 0)
            {
                return;
            }
            float[] found = RadixMagnitudeSelection.KthLargest(length, ranks, maxDegreeOfParallelism, (start, count, destinations) =>
            {
                float[] baseChunk = ArrayPool<float>.Shared.Rent(count);
                try
                {
                    Decode(baseTensor!.Value, start, baseChunk.AsSpan(0, count));
                    for (int s = 0; s < selected.Count; s++)
                    {
                        TaskVector(selected[s], start, count, destinations[s].AsSpan(0, count), baseChunk);
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(baseChunk);
                }
            });
            for (int s = 0; s < selected.Count; s++)
            {
                _thresholds[selected[s]] = found[s];
            }
        }

        public void MergeChunk(int start, int count)
        {
            int m = models.Count;
            float[] baseChunk = ArrayPool<float>.Shared.Rent(ChunkElements);
            float[] result = ArrayPool<float>.Shared.Rent(ChunkElements);
            float[][] taus = new float[m][];
            try
            {
                Span<float> b = baseChunk.AsSpan(0, count);
                if (baseTensor is { } bt)
                {
                    Decode(bt, start, b);
                }
                for (int i = 0; i < m; i++)
                {
                    taus[i] = ArrayPool<float>.Shared.Rent(ChunkElements);
                    Span<float> tau = taus[i].AsSpan(0, count);
                    TaskVector(i, start, count, tau, baseChunk);
                    Sparsify(i, start, tau);
                }
                Span<float> r = result.AsSpan(0, count);
                if (spec.Combination == Combination.WeightedSum)
                {
                    r.Clear();
                    for (int i = 0; i < m; i++)
                    {
                        TensorPrimitives.MultiplyAdd(taus[i].AsSpan(0, count), _weights[i], r, r);
                    }
                }
                else
                {
                    DisjointMean(taus, count, r);
                }
                if (spec.UsesBase)
                {
                    if (spec.Lambda != 1.0)
                    {
                        TensorPrimitives.Multiply(r, (float)spec.Lambda, r);
                    }
                    TensorPrimitives.Add(r, b, r);
                }
                int size = SafeTensorsDTypes.SizeOf(outputType);
                DTypeConverter.FromFloat(r, outputType, output.Span.Slice(start * size, count * size));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(baseChunk);
                ArrayPool<float>.Shared.Return(result);
                foreach (float[]? t in taus)
                {
                    if (t is not null)
                    {
                        ArrayPool<float>.Shared.Return(t);
                    }
                }
            }
        }

        /// <summary>τ_i = θ_i − θ_base over [start, start+count), given the decoded base chunk (θ_i alone without a base).</summary>
        private void TaskVector(int model, int start, int count, Span<float> destination, float[] baseChunk)
        {
            Decode(models[model], start, destination);
            if (baseTensor is not null)
            {
                TensorPrimitives.Subtract(destination, baseChunk.AsSpan(0, count), destination);
            }
        }

        private void Sparsify(int model, int start, Span<float> tau)
        {
            double density = spec.Densities[model];
            switch (spec.Sparsifier)
            {
                case Sparsifier.TopMagnitude when density < 1:
                    float threshold = _thresholds![model];
                    if (float.IsPositiveInfinity(threshold))
                    {
                        tau.Clear();
                        break;
                    }
                    ZeroBelow(tau, threshold);
                    break;
                case Sparsifier.RandomDrop when density < 1:
                    if (density <= 0)
                    {
                        tau.Clear();
                        break;
                    }
                    SplitMix64 rng = Generators![model];
                    rng.Skip(FirstElement + start);
                    RandomDrop.DropAndRescale(tau, density, rng);
                    break;
            }
        }

        /// <summary>Zeroes entries with |τ| &lt; threshold (NaN stays, as in the scalar rule).</summary>
        private static void ZeroBelow(Span<float> tau, float threshold)
        {
            int e = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref float t = ref MemoryMarshal.GetReference(tau);
                Vector256<float> limit = Vector256.Create(threshold);
                for (; e <= tau.Length - Vector256<float>.Count; e += Vector256<float>.Count)
                {
                    Vector256<float> v = Vector256.LoadUnsafe(ref t, (nuint)e);
                    Vector256.AndNot(v, Vector256.LessThan(Vector256.Abs(v), limit)).StoreUnsafe(ref t, (nuint)e);
                }
            }
            for (; e < tau.Length; e++)
            {
                if (MathF.Abs(tau[e]) < threshold)
                {
                    tau[e] = 0;
                }
            }
        }

        /// <summary>
        /// Sign election and disjoint mean, in double like <see cref="SignConsensus.DisjointMerge"/>: the same
        /// operations in the same order per element, four elements at a time.
        /// </summary>
        private void DisjointMean(float[][] taus, int count, Span<float> result)
        {
            IReadOnlyList<double> weights = spec.Weights;
            int m = taus.Length;
            int start = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                start = DisjointMeanVectorised(taus, weights, count, result);
            }
            for (int e = start; e < count; e++)
            {
                double sum = 0;
                for (int i = 0; i < m; i++)
                {
                    sum += weights[i] * taus[i][e];
                }
                if (sum == 0)
                {
                    result[e] = 0;
                    continue;
                }
                bool positive = sum > 0;
                double acc = 0, wsum = 0;
                for (int i = 0; i < m; i++)
                {
                    float v = taus[i][e];
                    if (v != 0 && (v > 0) == positive)
                    {
                        acc += weights[i] * v;
                        wsum += weights[i];
                    }
                }
                result[e] = (float)(spec.Normalize ? (wsum != 0 ? acc / wsum : 0) : acc);
            }
        }

        private int DisjointMeanVectorised(float[][] taus, IReadOnlyList<double> weights, int count, Span<float> result)
        {
            int m = taus.Length;
            int lanes = Vector256<float>.Count;
            var w = new Vector256<double>[m];
            for (int i = 0; i < m; i++)
            {
                w[i] = Vector256.Create(weights[i]);
            }
            ref float r = ref MemoryMarshal.GetReference(result);
            int e = 0;
            for (; e <= count - lanes; e += lanes)
            {
                Vector256<double> lower = DisjointMeanOfFour(taus, w, e, upper: false);
                Vector256<double> upper = DisjointMeanOfFour(taus, w, e, upper: true);
                Vector256.Narrow(lower, upper).StoreUnsafe(ref r, (nuint)e);
            }
            return e;
        }

        /// <summary>The disjoint mean of elements [e, e+4) (or [e+4, e+8) when <paramref name="upper"/>), in double.</summary>
        private Vector256<double> DisjointMeanOfFour(float[][] taus, Vector256<double>[] w, int e, bool upper)
        {
            int m = taus.Length;
            Vector256<double> zero = Vector256<double>.Zero;
            Vector256<double> sum = zero;
            for (int i = 0; i < m; i++)
            {
                sum += w[i] * Widen(taus[i], e, upper);
            }
            Vector256<double> positive = Vector256.GreaterThan(sum, zero);
            Vector256<double> acc = zero, wsum = zero;
            for (int i = 0; i < m; i++)
            {
                Vector256<double> v = Widen(taus[i], e, upper);
                // agree: v != 0 and (v > 0) == positive
                Vector256<double> agree = ~Vector256.Equals(v, zero) & ~(Vector256.GreaterThan(v, zero) ^ positive);
                acc += (w[i] * v) & agree;
                wsum += w[i] & agree;
            }
            Vector256<double> merged = spec.Normalize
                ? Vector256.ConditionalSelect(Vector256.Equals(wsum, zero), zero, acc / wsum)
                : acc;
            return Vector256.ConditionalSelect(Vector256.Equals(sum, zero), zero, merged);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> Widen(float[] values, int index, bool upper)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)index);
            return upper ? Vector256.WidenUpper(v) : Vector256.WidenLower(v);
        }

        private static void Decode(RawTensor tensor, int start, Span<float> destination)
        {
            int size = SafeTensorsDTypes.SizeOf(tensor.DType);
            DTypeConverter.ToFloat(tensor.Bytes.Span.Slice(start * size, destination.Length * size), tensor.DType, destination);
        }
    }
}
