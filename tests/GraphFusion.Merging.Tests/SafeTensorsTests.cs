using System.Buffers.Binary;
using System.Text;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

public class SafeTensorsTests
{
    public static TheoryData<SafeTensorsDType> AllDTypes() =>
        new(Enum.GetValues<SafeTensorsDType>());

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void RoundTrip_PreservesBytesShapeAndMetadata(SafeTensorsDType dtype)
    {
        using var tmp = new TempFolder();
        string path = tmp.File("t.safetensors");
        int size = SafeTensorsDTypes.SizeOf(dtype);
        byte[] a = new byte[3 * 5 * size];
        new Random(1).NextBytes(a);
        byte[] scalar = new byte[size];
        new Random(2).NextBytes(scalar);
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "x\"y" };
        SafeTensorsWriter.WriteFile(path, [
            (new TensorSpec("a", dtype, [3, 5]), a),
            (new TensorSpec("scalar", dtype, []), scalar),
            (new TensorSpec("empty", dtype, [0, 4]), []),
        ], metadata);

        byte[] file = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, n % 8);

        using SafeTensorsFile read = SafeTensorsFile.Open(path);
        Assert.Equal(a, read.ReadBytes("a"));
        Assert.Equal(scalar, read.ReadBytes("scalar"));
        Assert.Empty(read.ReadBytes("empty"));
        Assert.Equal([3L, 5L], read.GetInfo("a").Shape);
        Assert.Equal(dtype, read.GetInfo("a").DType);
        Assert.Equal("x\"y", read.Header.Metadata["note"]);
    }

    [Theory]
    [InlineData(SafeTensorsDType.F32, 0.0)]
    [InlineData(SafeTensorsDType.F64, 0.0)]
    [InlineData(SafeTensorsDType.F16, 1e-3)]
    [InlineData(SafeTensorsDType.BF16, 8e-3)]
    public void FloatConversion_RoundTrips(SafeTensorsDType dtype, double tolerance)
    {
        float[] values = [0f, 1f, -2.5f, 0.1f, 3.14159f, -1e-3f, 65000f];
        byte[] bytes = DTypeConverter.FromFloat(values, dtype);
        float[] back = new float[values.Length];
        DTypeConverter.ToFloat(bytes, dtype, back);
        Data.AssertClose(values, back, tolerance);
    }

    [Fact]
    public void BFloat16_RoundsToNearestEven()
    {
        // 1 + 2^-8 lies exactly between two bf16 values; ties go to the even mantissa (1.0).
        Assert.Equal(0x3F80, DTypeConverter.ToBFloat16(1f + (1f / 256)));
        Assert.Equal(0x3F82, DTypeConverter.ToBFloat16(1f + (3f / 256)));
    }

    private static string WriteRaw(TempFolder tmp, string header, int dataBytes, ulong? declaredLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declaredLength ?? (ulong)json.Length);
        json.CopyTo(file, 8);
        string path = tmp.File("bad.safetensors");
        File.WriteAllBytes(path, file);
        return path;
    }

    [Fact]
    public void Rejects_TruncatedFile()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("bad.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_TruncatedData()
    {
        using var tmp = new TempFolder();
        string path = WriteRaw(tmp, """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 8);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_HugeHeaderLength()
    {
        using var tmp = new TempFolder();
        string path = WriteRaw(tmp, "{}", 0, declaredLength: 1UL << 40);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("exceeds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_OverlappingOffsets()
    {
        using var tmp = new TempFolder();
        string path = WriteRaw(tmp,
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("overlap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_DTypeShapeMismatch()
    {
        using var tmp = new TempFolder();
        string path = WriteRaw(tmp, """{"a":{"dtype":"BF16","shape":[2,3],"data_offsets":[0,24]}}""", 24);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("needs 12 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_HoleAndBadJsonAndUnknownDType()
    {
        using var tmp = new TempFolder();
        string hole = WriteRaw(tmp, """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8);
        Assert.Contains("hole", Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(hole)).Message, StringComparison.Ordinal);
        string json = WriteRaw(tmp, """{"a":{"dtype":"F32",""", 0);
        Assert.Contains("JSON", Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(json)).Message, StringComparison.Ordinal);
        string dtype = WriteRaw(tmp, """{"a":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}}""", 4);
        Assert.Contains("unknown dtype", Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(dtype)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardedWrite_ThenRead_ReturnsAllTensors()
    {
        using var tmp = new TempFolder();
        var tensors = Enumerable.Range(0, 7).Select(i => (Name: $"layers.{i}.w", Values: Data.Random(10 + i, i))).ToList();
        var specs = tensors.Select(t => new TensorSpec(t.Name, SafeTensorsDType.F32, [t.Values.Length])).ToList();
        IReadOnlyList<OutputFile> files;
        using (var writer = new ShardedCheckpointWriter(tmp.Path, specs, maxShardBytes: 100))
        {
            Assert.True(writer.ShardCount > 1);
            foreach (var t in tensors)
            {
                writer.WriteTensor(t.Name, DTypeConverter.FromFloat(t.Values, SafeTensorsDType.F32));
            }
            files = writer.Complete();
        }
        Assert.Contains(files, f => f.Path.EndsWith(SafeTensorsCheckpoint.IndexFileName, StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(64, f.Sha256.Length));
        Assert.All(files.Where(f => f.Path.EndsWith(".safetensors", StringComparison.Ordinal)),
            f => Assert.Equal(OutputFile.Describe(f.Path).Sha256, f.Sha256));

        using SafeTensorsCheckpoint checkpoint = SafeTensorsCheckpoint.Open(tmp.Path);
        Assert.True(checkpoint.Files.Count > 1);
        foreach (var t in tensors)
        {
            Assert.Equal(t.Values, checkpoint.ReadFloat(t.Name));
        }
    }

    [Fact]
    public void ShardIndex_PointingToWrongShard_IsRejected()
    {
        using var tmp = new TempFolder();
        Data.WriteCheckpoint(tmp.File("s1.safetensors"), [("a", [2], [1f, 2f])]);
        File.WriteAllText(tmp.File(SafeTensorsCheckpoint.IndexFileName), """{"metadata":{},"weight_map":{"a":"s1.safetensors","b":"s1.safetensors"}}""");
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsCheckpoint.Open(tmp.Path));
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }
}
