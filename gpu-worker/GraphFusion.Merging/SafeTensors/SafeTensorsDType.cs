namespace GraphFusion.Merging.SafeTensors;

/// <summary>Element types defined by the safetensors format.</summary>
public enum SafeTensorsDType
{
    /// <summary>Boolean, one byte per element.</summary>
    Bool,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
    /// <summary>IEEE 754 half precision.</summary>
    F16,
    /// <summary>bfloat16 (upper half of an IEEE single).</summary>
    BF16,
    /// <summary>IEEE 754 single precision.</summary>
    F32,
    /// <summary>IEEE 754 double precision.</summary>
    F64,
    /// <summary>8-bit float, E4M3 (passthrough only).</summary>
    F8E4M3,
    /// <summary>8-bit float, E5M2 (passthrough only).</summary>
    F8E5M2,
}

/// <summary>Names, sizes and capabilities of <see cref="SafeTensorsDType"/> values.</summary>
public static class SafeTensorsDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool or SafeTensorsDType.U8 or SafeTensorsDType.I8
            or SafeTensorsDType.F8E4M3 or SafeTensorsDType.F8E5M2 => 1,
        SafeTensorsDType.I16 or SafeTensorsDType.U16 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.F32 => 4,
        SafeTensorsDType.I64 or SafeTensorsDType.U64 or SafeTensorsDType.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>True for the floating types that can be converted to float for arithmetic (F16, BF16, F32, F64).</summary>
    public static bool IsMergeable(SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.F16 or SafeTensorsDType.BF16 or SafeTensorsDType.F32 or SafeTensorsDType.F64;

    /// <summary>The name used in safetensors headers, e.g. "BF16".</summary>
    public static string ToName(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool => "BOOL",
        SafeTensorsDType.F8E4M3 => "F8_E4M3",
        SafeTensorsDType.F8E5M2 => "F8_E5M2",
        _ => dtype.ToString(),
    };

    /// <summary>Parses a header dtype name; also accepts recipe spellings such as "bfloat16", "float16", "float32".</summary>
    public static bool TryParse(string? name, out SafeTensorsDType dtype)
    {
        dtype = default;
        if (name is null)
        {
            return false;
        }
        switch (name.Trim().ToUpperInvariant())
        {
            case "BOOL": dtype = SafeTensorsDType.Bool; return true;
            case "U8": case "UINT8": dtype = SafeTensorsDType.U8; return true;
            case "I8": case "INT8": dtype = SafeTensorsDType.I8; return true;
            case "I16": case "INT16": dtype = SafeTensorsDType.I16; return true;
            case "U16": case "UINT16": dtype = SafeTensorsDType.U16; return true;
            case "I32": case "INT32": dtype = SafeTensorsDType.I32; return true;
            case "U32": case "UINT32": dtype = SafeTensorsDType.U32; return true;
            case "I64": case "INT64": dtype = SafeTensorsDType.I64; return true;
            case "U64": case "UINT64": dtype = SafeTensorsDType.U64; return true;
            case "F16": case "FLOAT16": case "HALF": case "FP16": dtype = SafeTensorsDType.F16; return true;
            case "BF16": case "BFLOAT16": dtype = SafeTensorsDType.BF16; return true;
            case "F32": case "FLOAT32": case "FLOAT": case "FP32": dtype = SafeTensorsDType.F32; return true;
            case "F64": case "FLOAT64": case "DOUBLE": case "FP64": dtype = SafeTensorsDType.F64; return true;
            case "F8_E4M3": dtype = SafeTensorsDType.F8E4M3; return true;
            case "F8_E5M2": dtype = SafeTensorsDType.F8E5M2; return true;
            default: return false;
        }
    }
}
