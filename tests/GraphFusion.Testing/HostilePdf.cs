using System.IO.Compression;
using System.Text;

namespace GraphFusion.Testing;

/// <summary>Hostile PDFs for limit tests, built in memory.</summary>
public static class HostilePdf
{
    /// <summary>
    /// A one-page PDF whose page content is a Flate stream of <paramref name="inflatedBytes"/> spaces: a few hundred
    /// kilobytes on disk that a parser would decompress into memory whole (a PDF zip bomb).
    /// </summary>
    public static byte[] FlateBomb(long inflatedBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (long written = 0; written < inflatedBytes; written += block.Length)
            {
                zlib.Write(block, 0, (int)Math.Min(block.Length, inflatedBytes - written));
            }
        }

        var data = compressed.ToArray();
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Ascii(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Ascii($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Ascii("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>");
        offsets.Add(pdf.Position);
        Ascii($"4 0 obj\n<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(data);
        Ascii("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Ascii($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Ascii($"{offset:D10} 00000 n \n");
        }

        Ascii($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
