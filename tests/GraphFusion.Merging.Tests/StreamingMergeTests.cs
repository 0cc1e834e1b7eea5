using GraphFusion.Merging.Execution;
using GraphFusion.Merging.LinearAlgebra;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

/// <summary>The streaming path (raw bytes, fused chunked kernel) against the methods' whole-tensor implementations.</summary>
public class StreamingMergeTests
{
    private static IMergeMethod Method(string name) =>
        MergeMethods.TryGet(name, out IMergeMethod method) ? method : throw new ArgumentException(name);

    public static TheoryData<string, SafeTensorsDType, int> Cases()
    {
        var data = new TheoryData<string, SafeTensorsDType, int>();
        string[] methods = ["linear", "task_arithmetic", "ties", "dare_linear", "dare_ties"];
        SafeTensorsDType[] types = [SafeTensorsDType.F32, SafeTensorsDType.F16, SafeTensorsDType.BF16, SafeTensorsDType.F64];
        // Odd, one chunk exactly, and several chunks with a ragged tail.
        int[] lengths = [7, FusedMergeKernel.ChunkElements, (3 * FusedMergeKernel.ChunkElements) + 1001];
        foreach (string m in methods)
        {
            foreach (SafeTensorsDType t in types)
            {
                foreach (int n in lengths)
                {
                    data.Add(m, t, n);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedKernel_GivesTheSameBytesAsTheMethod(string methodName, SafeTensorsDType dtype, int length)
    {
        IMergeMethod method = Method(methodName);
        const int models = 3;
        var perModel = new List<IReadOnlyDictionary<string, double>>
        {
            new Dictionary<string, double> { ["weight"] = 1.0, ["density"] = 0.5 },
            new Dictionary<string, double> { ["weight"] = 0.7, ["density"] = 0.3 },
            new Dictionary<string, double> { ["weight"] = 0.4, ["density"] = 1.0 },
        };
        var global = new Dictionary<string, double> { ["lambda"] = 0.9 };
        byte[] baseBytes = DTypeConverter.FromFloat(Data.Random(length, 1), dtype);
        // Inputs share many values with the base (zero task-vector entries) and have duplicated magnitudes (ties at thresholds).
        var modelBytes = Enumerable.Range(0, models).Select(i =>
        {
            float[] values = Data.Random(length, 10 + i, 0.1f);
            float[] b = new float[length];
            DTypeConverter.ToFloat(baseBytes, dtype, b);
            for (int e = 0; e < length; e++)
            {
                values[e] = e % 5 == 0 ? b[e] : e % 7 == 0 ? b[e] + 0.0625f : b[e] + values[e];
            }
            return DTypeConverter.FromFloat(values, dtype);
        }).ToList();

        float[] Decode(byte[] raw)
        {
            float[] f = new float[length];
            DTypeConverter.ToFloat(raw, dtype, f);
            return f;
        }
        var context = new TensorMergeContext("layers.0.weight", method.RequiresBase ? Decode(baseBytes) : null,
            modelBytes.Select(Decode).ToList(), perModel, global, seed: 42);
        byte[] expected = DTypeConverter.FromFloat(method.Merge(context), dtype);

        FusedMergeSpec spec = FusedMergeSpec.TryCreate(method, perModel, global)!;
        byte[] actual = new byte[expected.Length];
        FusedMergeKernel.Run(spec, spec.UsesBase ? new RawTensor(baseBytes, dtype) : null,
            modelBytes.Select(b => new RawTensor(b, dtype)).ToList(), actual, dtype, "layers.0.weight", 42, maxDegreeOfParallelism: 3);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void FusedKernel_MixedInputTypes_MatchesTheMethod()
    {
        int n = (2 * FusedMergeKernel.ChunkElements) + 3;
        IMergeMethod method = Method("ties");
        var perModel = new List<IReadOnlyDictionary<string, double>>
        {
            new Dictionary<string, double> { ["density"] = 0.4 },
            new Dictionary<string, double> { ["density"] = 0.6 },
        };
        var global = new Dictionary<string, double>();
        var inputs = new[] { (SafeTensorsDType.BF16, 1), (SafeTensorsDType.F16, 2), (SafeTensorsDType.F32, 3) }
            .Select(x => (Type: x.Item1, Bytes: DTypeConverter.FromFloat(Data.Random(n, x.Item2), x.Item1))).ToList();
        float[] Decode((SafeTensorsDType Type, byte[] Bytes) x)
        {
            float[] f = new float[n];
            DTypeConverter.ToFloat(x.Bytes, x.Type, f);
            return f;
        }
        var context = new TensorMergeContext("t", Decode(inputs[0]), inputs.Skip(1).Select(Decode).ToList(), perModel, global, 7);
        byte[] expected = DTypeConverter.FromFloat(method.Merge(context), SafeTensorsDType.BF16);

        byte[] actual = new byte[expected.Length];
        FusedMergeKernel.Run(FusedMergeSpec.TryCreate(method, perModel, global)!, new RawTensor(inputs[0].Bytes, inputs[0].Type),
            inputs.Skip(1).Select(x => new RawTensor(x.Bytes, x.Type)).ToList(), actual, SafeTensorsDType.BF16, "t", 7, 2);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void FusedSpec_IsNullForMethodsThatAreNotElementWise()
    {
        var none = new List<IReadOnlyDictionary<string, double>> { new Dictionary<string, double>() };
        Assert.Null(FusedMergeSpec.TryCreate(Method("slerp"), none, new Dictionary<string, double>()));
        Assert.NotNull(FusedMergeSpec.TryCreate(Method("ties"), none, new Dictionary<string, double>()));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1000, 1)]
    [InlineData(1000, 500)]
    [InlineData(1000, 1000)]
    [InlineData(70001, 12345)]
    public void RadixSelection_AgreesWithQuickselect(int n, long k)
    {
        float[] values = Data.Random(n, n + (int)k);
        for (int i = 0; i < n; i += 3)
        {
            values[i] = values[(i * 7) % n]; // duplicates
        }
        values[n / 2] = -values[n / 2];
        float expected = MagnitudeSelection.KthLargestMagnitude(values, k);

        float actual = RadixMagnitudeSelection.KthLargest(n, k, 2, (start, count, destinations) => values.AsSpan(start, count).CopyTo(destinations[0]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RadixSelection_AgreesWithQuickselect_OnTiedLowPrecisionValues()
    {
        // Values with few mantissa bits (as task vectors of BF16 models are) tie heavily and leave the low bits
        // zero; a sprinkle of full-precision values shares their buckets.
        int n = (7 * 16 * 1024) + 77;
        float[] values = Data.Random(n, 42, 0.01f).Select(v => BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(v) & 0xFFFF0000u)).ToArray();
        for (int i = 0; i < n; i += 97)
        {
            values[i] = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(values[i]) | 0x1234u);
        }
        foreach (long k in new long[] { 1, n / 10, n / 2, n - 1, n })
        {
            float expected = MagnitudeSelection.KthLargestMagnitude(values, k);

            float actual = RadixMagnitudeSelection.KthLargest(n, k, 2, (start, count, destinations) => values.AsSpan(start, count).CopyTo(destinations[0]));

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void BFloat16Conversion_Vectorised_MatchesScalarRounding()
    {
        float[] values = Data.Random(1037, 5, 1e3f);
        values[0] = float.NaN;
        values[1] = float.PositiveInfinity;
        values[2] = float.NegativeInfinity;
        values[3] = -0f;
        values[4] = BitConverter.UInt32BitsToSingle(0x3F808000); // exactly halfway: ties to even
        values[5] = BitConverter.UInt32BitsToSingle(0x3F818000);
        values[6] = float.MaxValue;
        values[7] = BitConverter.UInt32BitsToSingle(0x7F800001); // signalling NaN stays NaN
        byte[] bytes = DTypeConverter.FromFloat(values, SafeTensorsDType.BF16);

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(DTypeConverter.ToBFloat16(values[i]), BitConverter.ToUInt16(bytes, 2 * i));
        }
        float[] back = new float[values.Length];
        DTypeConverter.ToFloat(bytes, SafeTensorsDType.BF16, back);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal((uint)BitConverter.ToUInt16(bytes, 2 * i) << 16, BitConverter.SingleToUInt32Bits(back[i]));
        }
    }

    [Fact]
    public void SplitMix64_Skip_EqualsDrawing()
    {
        var drawn = new SplitMix64(99);
        for (int i = 0; i < 1234; i++)
        {
            drawn.NextUInt64();
        }
        var skipped = new SplitMix64(99);
        skipped.Skip(1234);

        Assert.Equal(drawn.NextUInt64(), skipped.NextUInt64());
    }
}
