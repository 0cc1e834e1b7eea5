using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Methods;

/// <summary>
/// DARE's drop-and-rescale with the same mask bits as <see cref="Sparsification.DropAndRescale"/>, eight entries at a
/// time: entry j is kept when draw j of the stream is below the density. The draw test
/// <c>(x &gt;&gt; 11)·2⁻⁵³ &lt; density</c> is done on integers as <c>(x &gt;&gt; 11) &lt; ⌈density·2⁵³⌉</c>, which is
/// exact: both sides of the double comparison are exact multiples of 2⁻⁵³ scaled, and x &gt;&gt; 11 is an integer.
/// </summary>
internal static class RandomDrop
{
    private const double TwoTo53 = 9007199254740992.0;

    /// <summary>
    /// Drops entries of <paramref name="tau"/> with probability 1 − <paramref name="density"/> and rescales the
    /// survivors by 1/density, drawing from <paramref name="rng"/> (positioned at the draw for tau[0]) as
    /// <see cref="Sparsification.DropAndRescale"/> would; the generator passed in is not advanced.
    /// </summary>
    public static void DropAndRescale(Span<float> tau, double density, SplitMix64 rng)
    {
        if (density >= 1)
        {
            return;
        }
        if (density <= 0)
        {
            tau.Clear();
            return;
        }
        float scale = (float)(1.0 / density);
        ulong keepBelow = KeepBelow(density);
        int e = 0;
        if (SplitMix64Lanes.IsSupported && tau.Length >= 8)
        {
            e = DropAndRescaleVectorised(tau, scale, keepBelow, rng.State);
            rng.Skip(e);
        }
        for (; e < tau.Length; e++)
        {
            tau[e] = (rng.NextUInt64() >> 11) < keepBelow ? tau[e] * scale : 0f;
        }
    }

    /// <summary>⌈density·2⁵³⌉: a draw x is kept when (x &gt;&gt; 11) is below it.</summary>
    internal static ulong KeepBelow(double density) => (ulong)Math.Ceiling(density * TwoTo53);

    private static int DropAndRescaleVectorised(Span<float> tau, float scale, ulong keepBelow, ulong state)
    {
        ref float t = ref MemoryMarshal.GetReference(tau);
        Vector256<ulong> lower = SplitMix64Lanes.NextStates(state);
        Vector256<ulong> upper = SplitMix64Lanes.NextStates(unchecked(state + (4 * SplitMix64Lanes.Gamma)));
        Vector256<ulong> step = Vector256.Create(unchecked(8 * SplitMix64Lanes.Gamma));
        // Draws are below 2⁵³ after the shift, so the signed 64-bit comparison (which AVX2 has) orders them correctly.
        Vector256<long> limit = Vector256.Create((long)keepBelow);
        Vector256<float> factor = Vector256.Create(scale);
        int e = 0;
        for (; e <= tau.Length - 8; e += 8)
        {
            Vector256<long> keepLower = Vector256.LessThan(Vector256.ShiftRightLogical(SplitMix64Lanes.Mix(lower), 11).AsInt64(), limit);
            Vector256<long> keepUpper = Vector256.LessThan(Vector256.ShiftRightLogical(SplitMix64Lanes.Mix(upper), 11).AsInt64(), limit);
            Vector256<float> keep = Vector256.Narrow(keepLower, keepUpper).AsSingle();
            Vector256<float> v = Vector256.LoadUnsafe(ref t, (nuint)e);
            (v * factor & keep).StoreUnsafe(ref t, (nuint)e);
            lower += step;
            upper += step;
        }
        return e;
    }
}
