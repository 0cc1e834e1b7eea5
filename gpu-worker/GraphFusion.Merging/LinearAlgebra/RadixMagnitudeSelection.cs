using System.Buffers;
using System.Runtime.InteropServices;

namespace GraphFusion.Merging.LinearAlgebra;

/// <summary>Fills <paramref name="destination"/> with the values at [start, start + destination.Length).</summary>
internal delegate void ChunkSource(int start, int count, Span<float> destination);

/// <summary>
/// The k-th largest magnitude of values produced chunk by chunk, by radix selection on the float bit patterns
/// (for non-negative floats the bit pattern orders like the value): one counting pass over the high 16 bits
/// finds the bucket holding the answer, a second over the low 15 bits of that bucket finds it exactly.
/// Two linear passes, no sort and no copy of the data; chunks are counted in parallel.
/// Gives the same value as <see cref="MagnitudeSelection.KthLargestMagnitude"/> for finite (and infinite) inputs.
/// </summary>
internal static class RadixMagnitudeSelection
{
    private const int ChunkElements = 16 * 1024;
    private const int LowBits = 15;
    private const int HighBuckets = 1 << 16;
    private const int LowBuckets = 1 << LowBits;

    /// <summary>The <paramref name="k"/>-th largest |value| (1 ≤ k ≤ n) of the <paramref name="n"/> values <paramref name="source"/> yields.</summary>
    public static float KthLargest(int n, long k, int maxDegreeOfParallelism, ChunkSource source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        long[] high = Count(n, maxDegreeOfParallelism, source, HighBuckets, prefix: -1);
        (int bucket, long remaining) = FindFromTop(high, k);
        long[] low = Count(n, maxDegreeOfParallelism, source, LowBuckets, prefix: bucket);
        (int lowBits, _) = FindFromTop(low, remaining);
        return BitConverter.UInt32BitsToSingle(((uint)bucket << LowBits) | (uint)lowBits);
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

    /// <summary>Histogram of the high bits (prefix &lt; 0) or of the low bits of magnitudes whose high bits equal prefix.</summary>
    private static long[] Count(int n, int maxDegreeOfParallelism, ChunkSource source, int buckets, int prefix)
    {
        var total = new long[buckets];
        int chunks = (n + ChunkElements - 1) / ChunkElements;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) };
        Parallel.For(0, chunks, options,
            () => new int[buckets],
            (c, _, local) =>
            {
                int start = c * ChunkElements;
                int count = Math.Min(ChunkElements, n - start);
                float[] values = ArrayPool<float>.Shared.Rent(count);
                try
                {
                    source(start, count, values.AsSpan(0, count));
                    CountChunk(MemoryMarshal.Cast<float, uint>(values.AsSpan(0, count)), local, prefix);
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(values);
                }
                return local;
            },
            local =>
            {
                lock (total)
                {
                    for (int b = 0; b < buckets; b++)
                    {
                        total[b] += local[b];
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
        foreach (uint v in bits)
        {
            uint magnitude = v & 0x7FFFFFFFu;
            if (magnitude >> LowBits == wanted)
            {
                histogram[magnitude & (LowBuckets - 1)]++;
            }
        }
    }
}
