using System.IO.Compression;
using System.Text;
using GraphFusion.Core.Documents;
using GraphFusion.Testing;

namespace GraphFusion.Core.Tests.Documents;

public class DocumentReaderTests
{
    private readonly DocumentReader reader = DocumentReader.Default;

    [Theory]
    [InlineData("recurrent-networks.txt", "Long short-term memory (LSTM) is a type of recurrent neural network")]
    [InlineData("transformers.md", "Transformer architecture.")]
    [InlineData("knowledge-graphs.html", "A knowledge graph is a kind of graph database")]
    [InlineData("graph-neural-networks.pdf", "Graph neural networks (GNN) are a class of neural networks")]
    [InlineData("entity-resolution.docx", "Entity resolution (ER) is a task that finds records")]
    public void Reads_every_sample_format(string file, string expected)
    {
        var text = reader.Read("d-1", file, SampleFiles.Read(file));

        Assert.Contains(expected, text.Text, StringComparison.Ordinal);
        Assert.Equal(Path.GetExtension(file).TrimStart('.'), text.Format);
        Assert.Equal(64 / 2, text.ContentHash.Length);
    }

    [Fact]
    public void Html_drops_scripts_styles_and_keeps_blocks_apart()
    {
        var text = reader.Read("d", "page.html", SampleFiles.Read("knowledge-graphs.html")).Text;

        Assert.DoesNotContain("console.log", text, StringComparison.Ordinal);
        Assert.DoesNotContain("font-family", text, StringComparison.Ordinal);
        Assert.Contains("Named entity recognition (NER) is used for entity extraction.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_html_is_read_without_overflowing_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", 100_000));

        var text = reader.Read("d", "deep.html", Encoding.UTF8.GetBytes(html)).Text;

        Assert.DoesNotContain("<div>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_markup_is_removed_and_link_text_kept()
    {
        var md = "# Title\n\nSee [the docs](https://example.invalid/x) and **bold** text with `code`.\n\n```\nignored();\n```\n";

        var text = reader.Read("d", "a.md", Encoding.UTF8.GetBytes(md)).Text;

        Assert.Contains("Title.", text, StringComparison.Ordinal);
        Assert.Contains("See the docs and bold text with code.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_rejected_with_its_name()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "empty.txt", []));
        Assert.Equal("empty.txt: is empty", ex.Message);
    }

    [Fact]
    public void Binary_data_named_txt_is_rejected()
    {
        var bytes = new byte[1024];
        new Random(1).NextBytes(bytes);
        bytes[10] = 0;

        var ex = Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "random.txt", bytes));
        Assert.Contains("binary", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mostly_invalid_utf8_is_rejected_but_a_few_bad_bytes_are_replaced()
    {
        var bad = Enumerable.Repeat((byte)0xC3, 200).Concat(Encoding.UTF8.GetBytes("abc")).ToArray();
        Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "bad.txt", bad));

        var mostlyGood = Encoding.UTF8.GetBytes(new string('a', 500) + " text").Concat(new byte[] { 0xFF }).ToArray();
        Assert.Contains("text", reader.Read("d", "ok.txt", mostlyGood).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_pdf_is_rejected_with_a_clear_reason()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj garbage")));
        Assert.StartsWith("broken.pdf: ", ex.Message, StringComparison.Ordinal);

        var notPdf = Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "fake.pdf", Encoding.ASCII.GetBytes("hello")));
        Assert.Contains("not a PDF", notPdf.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_decompression_bomb_is_rejected_before_parsing()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        var ex = Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "bomb.docx", buffer.ToArray()));
        Assert.Contains("decompression bomb", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_extension_and_oversize_are_rejected()
    {
        Assert.Contains("unsupported format", Assert.Throws<DocumentRejectedException>(() => reader.Read("d", "x.exe", [1, 2, 3])).Reason, StringComparison.Ordinal);

        var small = new DocumentReader([new PlainTextExtractor()], new DocumentLimits { MaxBytes = 10 });
        Assert.Contains("more than the limit", Assert.Throws<DocumentRejectedException>(() => small.Read("d", "big.txt", new byte[11])).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_stream_inflates_past_the_bomb_ratio_is_rejected_before_parsing()
    {
        var bomb = HostilePdf.FlateBomb(32L * 1024 * 1024);

        var error = Assert.Throws<DocumentRejectedException>(() => reader.Read("d-1", "bomb.pdf", bomb));

        Assert.Contains("bomb.pdf", error.Message, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_streams_inflate_past_the_decompressed_limit_is_rejected()
    {
        var pdf = HostilePdf.FlateBomb(3L * 1024 * 1024);
        var strict = new DocumentReader([new PdfExtractor()], new DocumentLimits { MaxDecompressedBytes = 2L * 1024 * 1024, MaxCompressionRatio = int.MaxValue / 2 });

        var error = Assert.Throws<DocumentRejectedException>(() => strict.Read("d-1", "big.pdf", pdf));

        Assert.Contains($"more than the limit of {2L * 1024 * 1024} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_extraction_stops_at_the_time_limit()
    {
        var strict = new DocumentReader([new PdfExtractor()], new DocumentLimits { MaxExtractionTime = TimeSpan.Zero });

        var error = Assert.Throws<DocumentRejectedException>(() => strict.Read("d-1", "graph-neural-networks.pdf", SampleFiles.Read("graph-neural-networks.pdf")));

        Assert.Contains("took longer than the limit", error.Message, StringComparison.Ordinal);
    }
}
