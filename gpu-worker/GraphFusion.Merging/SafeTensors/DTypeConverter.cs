using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
                BFloat16ToSingle(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<float, uint>(destination));
                break;
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
                SingleToBFloat16(source, MemoryMarshal.Cast<byte, ushort>(destination));
                break;
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

    /// <summary>bfloat16 bits to float bits: the 16 bits become the high half of the float.</summary>
    private static void BFloat16ToSingle(ReadOnlySpan<ushort> source, Span<uint> destination)
    {
        int n = source.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException("destination is too short", nameof(destination));
        }
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort src = ref MemoryMarshal.GetReference(source);
            ref uint dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                Vector256<ushort> v = Vector256.LoadUnsafe(ref src, (nuint)i);
                (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(v);
                Vector256.ShiftLeft(lower, 16).StoreUnsafe(ref dst, (nuint)i);
                Vector256.ShiftLeft(upper, 16).StoreUnsafe(ref dst, (nuint)(i + Vector256<uint>.Count));
            }
        }
        for (; i < n; i++)
        {
            destination[i] = (uint)source[i] << 16;
        }
    }

    /// <summary>Vectorised <see cref="ToBFloat16(float)"/> over a span.</summary>
    private static void SingleToBFloat16(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        int n = source.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException("destination is too short", nameof(destination));
        }
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint src = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(source));
            ref ushort dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                Vector256<uint> lower = RoundToBFloat16(Vector256.LoadUnsafe(ref src, (nuint)i));
                Vector256<uint> upper = RoundToBFloat16(Vector256.LoadUnsafe(ref src, (nuint)(i + Vector256<uint>.Count)));
                Vector256.Narrow(lower, upper).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            destination[i] = ToBFloat16(source[i]);
        }
    }

    private static Vector256<uint> RoundToBFloat16(Vector256<uint> bits)
    {
        Vector256<uint> high = Vector256.ShiftRightLogical(bits, 16);
        Vector256<uint> rounded = Vector256.ShiftRightLogical(bits + Vector256.Create(0x7FFFu) + (high & Vector256<uint>.One), 16);
        // NaN: exponent all ones and a non-zero mantissa; keep it a (quiet) NaN after truncation.
        Vector256<uint> magnitude = bits & Vector256.Create(0x7FFFFFFFu);
        Vector256<uint> isNaN = Vector256.GreaterThan(magnitude, Vector256.Create(0x7F800000u));
        return Vector256.ConditionalSelect(isNaN, high | Vector256.Create(0x40u), rounded);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; big-endian hosts are not supported");
        }
    }
}
