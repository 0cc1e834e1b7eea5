namespace GraphFusion.Core.Documents;

/// <summary>
/// Reads a stream into memory but never asks it for more than the size limit plus one byte, so a source that is
/// larger than it claimed, grows while it is read, or has no length (a pipe) cannot make the reader allocate past the limit.
/// </summary>
public static class BoundedContentReader
{
    private const int InitialCapacity = 81_920;

    /// <summary>The whole content of <paramref name="stream"/>; rejects <paramref name="name"/> as soon as byte <paramref name="maxBytes"/> + 1 arrives.</summary>
    /// <param name="expectedLength">The size the source reported, if any: sizes the buffer up front (capped at the limit).</param>
    public static async Task<byte[]> ReadAsync(Stream stream, string name, long maxBytes, long? expectedLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var cap = (int)Math.Min(maxBytes, Array.MaxLength);
        var buffer = new byte[Math.Clamp(expectedLength ?? InitialCapacity, 0, cap)];
        var probe = new byte[1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                // Full: one more byte says whether the source is done, without growing the buffer on the chance.
                if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
                {
                    return buffer;
                }

                if (buffer.Length == cap)
                {
                    throw TooLarge(name, maxBytes);
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(2L * buffer.Length, InitialCapacity), cap));
                buffer[total++] = probe[0];
                continue;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }
    }

    /// <summary>The rejection for a source whose reported size is already over the limit, before anything is read.</summary>
    public static DocumentRejectedException TooLarge(string name, long length, long maxBytes) =>
        new(name, $"is {length} bytes, more than the limit of {maxBytes}");

    private static DocumentRejectedException TooLarge(string name, long maxBytes) =>
        new(name, $"is more than the limit of {maxBytes} bytes (reading stopped there)");
}
