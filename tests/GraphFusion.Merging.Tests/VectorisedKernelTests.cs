using System.Runtime.Intrinsics;
using GraphFusion.Merging.LinearAlgebra;
using GraphFusion.Merging.Methods;

namespace GraphFusion.Merging.Tests;

/// <summary>The vectorised building blocks of the streaming kernel against their scalar definitions.</summary>
public class VectorisedKernelTests
{
    [Fact]
    public void SplitMix64Lanes_EqualSuccessiveDraws()
    {
        if (!SplitMix64Lanes.IsSupported)
        {
            return;
        }
        foreach (ulong seed in new[] { 0UL, 1UL, 0xDEADBEEFUL, ulong.MaxValue, ulong.MaxValue - SplitMix64Lanes.Gamma })
        {
            var rng = new SplitMix64(seed);
            Vector256<ulong> lanes = SplitMix64Lanes.Mix(SplitMix64Lanes.NextStates(seed));
            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(rng.NextUInt64(), lanes.GetElement(l));
            }
        }
    }

    public static TheoryData<int, long, double> DropCases()
    {
        var data = new TheoryData<int, long, double>();
        foreach (int length in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 1000, 4099 })
        {
            foreach (long offset in new long[] { 0, 1, 3, 5, 1L << 40 })
            {
                foreach (double density in new[] { 0.5, 0.1, 0.9, 1e-9, 0.999999999, 1.0 / 3 })
                {
                    data.Add(length, offset, density);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DropCases))]
    public void RandomDrop_KeepsTheSameEntriesAsTheScalarRule(int length, long offset, double density)
    {
        var random = new Random(length + (int)(offset % 1000));
        float[] values = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        if (length > 2)
        {
            values[1] = float.NaN;
            values[2] = -0f;
        }
        float[] expected = (float[])values.Clone();
        float[] actual = (float[])values.Clone();
        var scalar = SplitMix64.For(7, "layer.weight", 2);
        scalar.Skip(offset);
        var vectorised = scalar;
        Sparsification.DropAndRescale(expected, density, ref scalar);
        RandomDrop.DropAndRescale(actual, density, vectorised);
        Assert.Equal(
            expected.Select(BitConverter.SingleToUInt32Bits).ToArray(),
            actual.Select(BitConverter.SingleToUInt32Bits).ToArray());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.25)]
    [InlineData(1.0 / 3)]
    [InlineData(1e-300)]
    [InlineData(0.9999999999999999)]
    public void KeepBelow_AgreesWithTheDoubleComparisonAtTheBoundary(double density)
    {
        ulong limit = RandomDrop.KeepBelow(density);
        foreach (ulong draw in new[] { limit - 1, limit, limit + 1 })
        {
            if (draw >= 1UL << 53)
            {
                continue;
            }
            bool byDouble = draw * (1.0 / (1UL << 53)) < density;
            Assert.Equal(byDouble, draw < limit);
        }
    }
}
