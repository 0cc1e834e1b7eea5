using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GraphFusion.Merging.LinearAlgebra;

/// <summary>
/// <see cref="SplitMix64"/> evaluated for four stream positions at once, one per <see cref="Vector256{T}"/> lane. The
/// n-th output of a stream is the mix of <c>State + n·γ</c>, so lanes holding consecutive positions yield exactly the
/// values that successive <see cref="SplitMix64.NextUInt64"/> calls return. Needs AVX2 (<see cref="IsSupported"/>).
/// </summary>
internal static class SplitMix64Lanes
{
    /// <summary>The SplitMix64 increment γ.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private const ulong Multiplier1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Multiplier2 = 0x94D049BB133111EBUL;

    /// <summary>True where the lanes run as vector instructions.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>The states of the next four outputs of a stream whose state is <paramref name="state"/>: State + 1γ … State + 4γ.</summary>
    public static Vector256<ulong> NextStates(ulong state) =>
        unchecked(Vector256.Create(state + Gamma, state + (2 * Gamma), state + (3 * Gamma), state + (4 * Gamma)));

    /// <summary>SplitMix64's output function applied to each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = MultiplyLow(z ^ Vector256.ShiftRightLogical(z, 30), Multiplier1);
        z = MultiplyLow(z ^ Vector256.ShiftRightLogical(z, 27), Multiplier2);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>
    /// The low 64 bits of <paramref name="a"/>·<paramref name="constant"/> per lane, from three 32×32→64 products
    /// (AVX2 has no 64-bit multiply): lo·lo + ((hi·lo + lo·hi) &lt;&lt; 32).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> MultiplyLow(Vector256<ulong> a, ulong constant)
    {
        Vector256<uint> low = Vector256.Create(constant & 0xFFFFFFFFUL).AsUInt32();
        Vector256<uint> high = Vector256.Create(constant >> 32).AsUInt32();
        Vector256<ulong> lowLow = Avx2.Multiply(a.AsUInt32(), low);
        Vector256<ulong> highLow = Avx2.Multiply(Vector256.ShiftRightLogical(a, 32).AsUInt32(), low);
        Vector256<ulong> lowHigh = Avx2.Multiply(a.AsUInt32(), high);
        return lowLow + Vector256.ShiftLeft(highLow + lowHigh, 32);
    }
}
