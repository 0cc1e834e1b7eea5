using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace GraphFusion.Merging.SafeTensors;

/// <summary>Converts raw little-endian tensor bytes to and from float for arithmetic.</summary>
public static class DTypeConverter
{
    /// <summary>Decodes <paramref name="source"/> (of <paramref name="dtype"/>) into <paramref name="destination"/>.</summary>
    public static void ToFloat(ReadOnlySpan<byte> source, SafeTensorsDType dtype, Span<float> destination)
    {
        EnsureLittleEndian();
        switch (dtype)
        {
            case SafeTensorsDType.F32:
                MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                break;
            case SafeTensorsDType.F16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source), destination);
                break;
            case SafeTensorsDType.BF16:
                {
                    ReadOnlySpan<ushort> bits = MemoryMarshal.Cast<byte, ushort>(source);
                    Span<uint> dst = MemoryMarshal.Cast<float, uint>(destination);
                    for (int i = 0; i < bits.Length; i++)
                    {
                        dst[i] = (uint)bits[i] << 16;
                    }
                    break;
                }
            case SafeTensorsDType.F64:
                {
                    ReadOnlySpan<double> d = MemoryMarshal.Cast<byte, double>(source);
                    for (int i = 0; i < d.Length; i++)
                    {
                        destination[i] = (float)d[i];
                    }
                    break;
                }
            default:
                throw new NotSupportedException($"dtype {SafeTensorsDTypes.ToName(dtype)} cannot be converted to float for merging");
        }
    }

    /// <summary>Encodes <paramref name="source"/> into bytes of <paramref name="dtype"/> (BF16 rounds to nearest even).</summary>
    public static void FromFloat(ReadOnlySpan<float> source, SafeTensorsDType dtype, Span<byte> destination)
    {
        EnsureLittleEndian();
        switch (dtype)
        {
            case SafeTensorsDType.F32:
                MemoryMarshal.AsBytes(source).CopyTo(destination);
                break;
            case SafeTensorsDType.F16:
                TensorPrimitives.ConvertToHalf(source, MemoryMarshal.Cast<byte, Half>(destination));
                break;
            case SafeTensorsDType.BF16:
                {
                    Span<ushort> dst = MemoryMarshal.Cast<byte, ushort>(destination);
                    for (int i = 0; i < source.Length; i++)
                    {
                        dst[i] = ToBFloat16(source[i]);
                    }
                    break;
                }
            case SafeTensorsDType.F64:
                for (int i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(destination.Slice(i * 8, 8), source[i]);
                }
                break;
            default:
                throw new NotSupportedException($"dtype {SafeTensorsDTypes.ToName(dtype)} cannot be written from float");
        }
    }

    /// <summary>Encodes floats to a new byte array of <paramref name="dtype"/>.</summary>
    public static byte[] FromFloat(ReadOnlySpan<float> source, SafeTensorsDType dtype)
    {
        byte[] bytes = new byte[checked(source.Length * SafeTensorsDTypes.SizeOf(dtype))];
        FromFloat(source, dtype, bytes);
        return bytes;
    }

    /// <summary>Rounds a float to bfloat16 bits (round to nearest, ties to even; NaN stays NaN).</summary>
    public static ushort ToBFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x40);
        }
        uint rounding = 0x7FFFu + ((bits >> 16) & 1u);
        return (ushort)((bits + rounding) >> 16);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; big-endian hosts are not supported");
        }
    }
}
