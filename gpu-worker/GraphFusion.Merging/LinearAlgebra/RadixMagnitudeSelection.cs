using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GraphFusion.Merging.LinearAlgebra;

/// <summary>Fills <c>destinations[s][0..count)</c> with the values of series <c>s</c> at [start, start + count).</summary>
internal delegate void ChunkSource(int start, int count, float[][] destinations);

/// <summary>
/// The k-th largest magnitude of each of several series of values produced chunk by chunk, by radix selection on the
/// float bit patterns (for non-negative floats the bit pattern orders like the value): one counting pass over the
/// high 16 bits finds the bucket holding the answer, a second over the low 15 bits of that bucket finds it exactly.
/// Two linear passes over all series together, no sort and no copy of the data; chunks are counted in parallel.
/// Gives the same value as <see cref="MagnitudeSelection.KthLargestMagnitude"/> for finite (and infinite) inputs.
/// </summary>
internal static class RadixMagnitudeSelection
{
    private const int ChunkElements = 16 * 1024;
    private const int LowBits = 15;
    private const int HighBuckets = 1 << 16;
    private const int LowBuckets = 1 << LowBits;

    /// <summary>The <paramref name="k"/>-th largest |value| (1 ≤ k ≤ n) of one series.</summary>
    public static float KthLargest(int n, long k, int maxDegreeOfParallelism, ChunkSource source) =>
        KthLargest(n, [k], maxDegreeOfParallelism, source)[0];

    /// <summary>For each series s, the <c>ks[s]</c>-th largest |value| (1 ≤ k ≤ n) of its <paramref name="n"/> values.</summary>
    public static float[] KthLargest(int n, IReadOnlyList<long> ks, int maxDegreeOfParallelism, ChunkSource source)
    {
        foreach (long k in ks)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        }
        int series = ks.Count;
        long[][] high = Count(n, series, maxDegreeOfParallelism, source, HighBuckets, prefixes: null);
        var buckets = new int[series];
        var remaining = new long[series];
        for (int s = 0; s < series; s++)
        {
            (buckets[s], remaining[s]) = FindFromTop(high[s], ks[s]);
        }
        long[][] low = Count(n, series, maxDegreeOfParallelism, source, LowBuckets, buckets);
        var result = new float[series];
        for (int s = 0; s < series; s++)
        {
            (int lowBits, _) = FindFromTop(low[s], remaining[s]);
            result[s] = BitConverter.UInt32BitsToSingle(((uint)buckets[s] << LowBits) | (uint)lowBits);
        }
        return result;
    }

    /// <summary>Bucket where the count from the top reaches <paramref name="k"/>, and the rank left inside it.</summary>
    private static (int Bucket, long Remaining) FindFromTop(long[] histogram, long k)
    {
        long seen = 0;
        for (int b = histogram.Length - 1; b >= 0; b--)
        {
            if (seen + histogram[b] >= k)
            {
                return (b, k - seen);
            }
            seen += histogram[b];
        }
        throw new InvalidOperationException("rank exceeds the number of values");
    }

    /// <summary>Per series: histogram of the high bits (no prefixes) or of the low bits of magnitudes whose high bits equal the series' prefix.</summary>
    private static long[][] Count(int n, int series, int maxDegreeOfParallelism, ChunkSource source, int buckets, int[]? prefixes)
    {
        long[][] total = Enumerable.Range(0, series).Select(_ => new long[buckets]).ToArray();
        int chunks = (n + ChunkElements - 1) / ChunkElements;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) };
        Parallel.For(0, chunks, options,
            () => Enumerable.Range(0, series).Select(_ => new int[buckets]).ToArray(),
            (c, _, local) =>
            {
                int start = c * ChunkElements;
                int count = Math.Min(ChunkElements, n - start);
                float[][] values = Enumerable.Range(0, series).Select(_ => ArrayPool<float>.Shared.Rent(ChunkElements)).ToArray();
                try
                {
                    source(start, count, values);
                    for (int s = 0; s < series; s++)
                    {
                        CountChunk(MemoryMarshal.Cast<float, uint>(values[s].AsSpan(0, count)), local[s], prefixes is null ? -1 : prefixes[s]);
                    }
                }
                finally
                {
                    foreach (float[] v in values)
                    {
                        ArrayPool<float>.Shared.Return(v);
                    }
                }
                return local;
            },
            local =>
            {
                lock (total)
                {
                    for (int s = 0; s < series; s++)
                    {
                        for (int b = 0; b < buckets; b++)
                        {
                            total[s][b] += local[s][b];
                        }
                    }
                }
            });
        return total;
    }

    private static void CountChunk(ReadOnlySpan<uint> bits, int[] histogram, int prefix)
    {
        if (prefix < 0)
        {
            foreach (uint v in bits)
            {
                histogram[(v & 0x7FFFFFFFu) >> LowBits]++;
            }
            return;
        }
        uint wanted = (uint)prefix;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Few values fall in the wanted bucket: test eight at a time and count only where one does.
            Vector256<uint> wantedLanes = Vector256.Create(wanted);
            Vector256<uint> magnitudeMask = Vector256.Create(0x7FFFFFFFu);
            Vector256<uint> lowMask = Vector256.Create((uint)(LowBuckets - 1));
            ref uint b = ref MemoryMarshal.GetReference(bits);
            for (; i <= bits.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                Vector256<uint> magnitude = Vector256.LoadUnsafe(ref b, (nuint)i) & magnitudeMask;
                Vector256<uint> hit = Vector256.Equals(Vector256.ShiftRightLogical(magnitude, LowBits), wantedLanes);
                if (hit == Vector256<uint>.Zero)
                {
                    continue;
                }
                // Task vectors of low-precision inputs often fill the bucket with values whose low bits are all
                // zero: count those lanes at once and leave only the others to the scalar loop.
                Vector256<uint> zeroLow = hit & Vector256.Equals(magnitude & lowMask, Vector256<uint>.Zero);
                histogram[0] += BitOperations.PopCount(zeroLow.ExtractMostSignificantBits());
                if (zeroLow != hit)
                {
                    CountLow(bits.Slice(i, Vector256<uint>.Count), histogram, wanted, skipZeroLow: true);
                }
            }
        }
        CountLow(bits[i..], histogram, wanted, skipZeroLow: false);
    }

    private static void CountLow(ReadOnlySpan<uint> bits, int[] histogram, uint wanted, bool skipZeroLow)
    {
        foreach (uint v in bits)
        {
            uint magnitude = v & 0x7FFFFFFFu;
            uint low = magnitude & (LowBuckets - 1);
            if (magnitude >> LowBits == wanted && (low != 0 || !skipZeroLow))
            {
                histogram[low]++;
            }
        }
    }
}
