namespace GraphFusion.Merging.SafeTensors;

/// <summary>One tensor entry of a safetensors header.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions.</param>
/// <param name="Begin">Start offset, relative to the data buffer.</param>
/// <param name="End">End offset (exclusive), relative to the data buffer.</param>
public sealed record TensorInfo(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long ElementCount => CountElements(Shape);

    /// <summary>Size of the data in bytes.</summary>
    public long ByteLength => End - Begin;

    /// <summary>Shape as text, e.g. "[768, 8]".</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Product of the dimensions.</summary>
    public static long CountElements(IReadOnlyList<long> shape)
    {
        long n = 1;
        foreach (long d in shape)
        {
            n = checked(n * d);
        }
        return n;
    }

    /// <summary>Formats a shape as "[a, b]".</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>True when both shapes have the same dimensions.</summary>
    public static bool SameShape(IReadOnlyList<long> a, IReadOnlyList<long> b) => a.SequenceEqual(b);
}

/// <summary>Description of a tensor to write: name, element type and shape (offsets are computed by the writer).</summary>
public sealed record TensorSpec(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape)
{
    /// <summary>Data size in bytes.</summary>
    public long ByteLength => checked(TensorInfo.CountElements(Shape) * SafeTensorsDTypes.SizeOf(DType));
}
