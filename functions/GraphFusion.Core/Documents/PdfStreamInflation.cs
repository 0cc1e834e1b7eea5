using System.IO.Compression;
using System.Text;

namespace GraphFusion.Core.Documents;

/// <summary>
/// Inflates a PDF's Flate streams (page contents, object streams, images) into a counter, before the PDF parser sees
/// them, so that a small PDF that expands to gigabytes (a PDF zip bomb) is refused instead of decompressed into memory.
/// Streams that do not inflate (encrypted, corrupt) are left to the parser.
/// </summary>
internal static class PdfStreamInflation
{
    private const int DictionaryWindow = 4096;
    private const long SmallStream = 1024 * 1024;
    private static readonly byte[] StreamKeyword = Encoding.ASCII.GetBytes("stream");
    private static readonly byte[] EndStreamKeyword = Encoding.ASCII.GetBytes("endstream");
    private static readonly byte[] FlateFilter = Encoding.ASCII.GetBytes("/FlateDecode");

    public static void Check(string name, byte[] content, DocumentLimits limits)
    {
        long total = 0;
        var position = 0;
        while (NextStream(content, position) is var (dictionaryStart, dataStart, dataEnd))
        {
            position = dataEnd + EndStreamKeyword.Length;
            if (content.AsSpan(dictionaryStart, dataStart - dictionaryStart).IndexOf(FlateFilter) < 0)
            {
                continue;
            }

            var compressed = dataEnd - dataStart;
            var bombAt = Math.Max(SmallStream, (long)compressed * limits.MaxCompressionRatio);
            var inflated = Inflate(new MemoryStream(content, dataStart, compressed, writable: false), Math.Min(bombAt, limits.MaxDecompressedBytes - total) + 1);
            if (inflated > bombAt)
            {
                throw new DocumentRejectedException(name, $"looks like a decompression bomb (a {compressed}-byte PDF stream expands more than {limits.MaxCompressionRatio}x)");
            }

            total += inflated;
            if (total > limits.MaxDecompressedBytes)
            {
                throw new DocumentRejectedException(name, $"expands to more than the limit of {limits.MaxDecompressedBytes} bytes (PDF streams)");
            }
        }
    }

    /// <summary>The next <c>stream</c> … <c>endstream</c>: where its dictionary may start, where its data starts and ends.</summary>
    private static (int DictionaryStart, int DataStart, int DataEnd)? NextStream(byte[] content, int from)
    {
        var span = content.AsSpan();
        while (from < span.Length)
        {
            var found = span[from..].IndexOf(StreamKeyword);
            if (found < 0)
            {
                return null;
            }

            var keyword = from + found;
            from = keyword + StreamKeyword.Length;
            if (keyword >= 3 && span[(keyword - 3)..keyword].SequenceEqual("end"u8))
            {
                continue;
            }

            var dataStart = from;
            if (dataStart < span.Length && span[dataStart] == '\r')
            {
                dataStart++;
            }

            if (dataStart < span.Length && span[dataStart] == '\n')
            {
                dataStart++;
            }

            var end = span[dataStart..].IndexOf(EndStreamKeyword);
            if (end < 0)
            {
                return null;
            }

            return (Math.Max(0, keyword - DictionaryWindow), dataStart, dataStart + end);
        }

        return null;
    }

    /// <summary>How many bytes the stream inflates to, counting no further than <paramref name="stopAfter"/>; 0 if it is not zlib data.</summary>
    private static long Inflate(Stream compressed, long stopAfter)
    {
        var buffer = new byte[81_920];
        long total = 0;
        try
        {
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            int read;
            while (total < stopAfter && (read = inflater.Read(buffer)) > 0)
            {
                total += read;
            }
        }
        catch (InvalidDataException)
        {
            // Not inflatable here (encrypted or corrupt): the parser reports it, or reads what it can.
        }

        return total;
    }
}
