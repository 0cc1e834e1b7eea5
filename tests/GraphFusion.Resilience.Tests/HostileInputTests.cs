using System.IO.Compression;
using System.Text;
using GraphFusion.Cli;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Resilience.Tests;

/// <summary>Hostile or broken documents are rejected or processed within limits, marked with a reason, and hurt no other document.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class HostileInputTests(EmulatorsFixture emulators, ITestOutputHelper output) : IDisposable
{
    private const string Good = "Long short-term memory (LSTM) is a type of recurrent neural network. LSTM networks are used for speech recognition.";
    private readonly string root = Directory.CreateTempSubdirectory("gf-hostile-").FullName;

    [Fact]
    [Trait("Category", "Heavy")]
    public async Task Hostile_files_fail_with_a_reason_and_leave_the_good_document_alone()
    {
        var docs = Path.Combine(root, "docs");
        Directory.CreateDirectory(docs);
        Write(docs, "good.txt", Encoding.UTF8.GetBytes(Good));
        Write(docs, "corrupt.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nxref\n0 1\ngarbage\ntrailer << /Root 1 0 R >>\n%%EOF"));
        Write(docs, "encrypted.pdf", EncryptedPdf());
        Write(docs, "bomb.docx", ZipBomb());
        Write(docs, "bomb.pdf", HostilePdf.FlateBomb(256L * 1024 * 1024));
        WriteSparse(Path.Combine(docs, "large.txt"), 200L * 1024 * 1024);
        Write(docs, "binary.txt", BinaryData());
        Write(docs, "invalid-utf8.txt", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i % 2 == 0 ? 0xC3 : 0x28))]);
        Write(docs, "empty.txt", []);
        Write(docs, "nested.html", Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + "Kalman filters are used for sensor fusion." + string.Concat(Enumerable.Repeat("</div>", 20_000)) + "</body></html>"));
        var odd = "na\u00efve \u2013 \u6570\u636e \U0001F9E0 r\u00e9sum\u00e9\u200B \u202Eevil.txt";
        Write(docs, odd, Encoding.UTF8.GetBytes("Hidden Markov models are used for speech synthesis."));

        var store = new SqliteGraphStore(Path.Combine(root, "graph.db"));
        var files = Directory.GetFiles(docs).Order(StringComparer.Ordinal).ToList();
        var outcomes = await new LocalPipelineRunner(store, new StatisticalExtractor()).IngestAsync(files, null, CancellationToken.None);
        File.Delete(Path.Combine(docs, "large.txt"));

        var records = (await store.ListDocumentsAsync(CancellationToken.None)).ToDictionary(r => Path.GetFileName(r.Name), StringComparer.Ordinal);
        foreach (var record in records.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            output.WriteLine($"{Path.GetFileName(record.Name)}: {record.Status} {record.Error}");
        }

        var expectedFailures = new Dictionary<string, string>
        {
            ["corrupt.pdf"] = "corrupt or unreadable PDF",
            ["encrypted.pdf"] = "encrypted PDF",
            ["bomb.docx"] = "decompression bomb",
            ["bomb.pdf"] = "PDF stream",
            ["large.txt"] = $"is {200L * 1024 * 1024} bytes, more than the limit of {DocumentLimits.Default.MaxBytes}",
            ["binary.txt"] = "binary data",
            ["invalid-utf8.txt"] = "not valid UTF-8",
            ["empty.txt"] = "is empty",
        };
        ScenarioTable.Row(output, "Hostile files through the pipeline (SQLite)", $"{files.Count} files incl. 200 MB (sparse) text, DOCX and PDF zip bombs, 20k-deep HTML",
            $"{records.Values.Count(r => r.Status == DocumentStatus.Failed)} failed with reason, {records.Values.Count(r => r.Status == DocumentStatus.Ingested)} ingested",
            "0 (good documents unaffected)");

        Assert.Equal(files.Count, outcomes.Count);
        Assert.Equal(files.Count, records.Count);
        foreach (var (name, reason) in expectedFailures)
        {
            var record = records[name];
            Assert.True(record.Status == DocumentStatus.Failed, $"{name}: {record.Status}");
            Assert.Contains(name, record.Error, StringComparison.Ordinal);
            Assert.Contains(reason, record.Error, StringComparison.Ordinal);
        }

        Assert.Equal(DocumentStatus.Ingested, records["good.txt"].Status);
        Assert.Equal(DocumentStatus.Ingested, records[odd].Status);
        Assert.Contains(records["nested.html"].Status, new[] { DocumentStatus.Ingested, DocumentStatus.Failed });
        Assert.NotEmpty(await store.FindEntitiesAsync("LSTM", 5, CancellationToken.None));
        Assert.NotEmpty(await store.FindEntitiesAsync("speech synthesis", 5, CancellationToken.None));

        // The good document's facts are those of the good document ingested alone.
        var alone = new SqliteGraphStore(Path.Combine(root, "alone.db"));
        await new LocalPipelineRunner(alone, new StatisticalExtractor()).IngestAsync([Path.Combine(docs, "good.txt")], null, CancellationToken.None);
        var lstm = (await alone.FindEntitiesAsync("LSTM", 1, CancellationToken.None))[0];
        Assert.Equal(
            (await alone.GetRelationsFromAsync(lstm.Id, CancellationToken.None)).Select(r => r.Type + ":" + r.Evidence.Count).Order(StringComparer.Ordinal),
            (await store.GetRelationsFromAsync(lstm.Id, CancellationToken.None)).Select(r => r.Type + ":" + r.Evidence.Count).Order(StringComparer.Ordinal));

        // The reasons are what `graphfusion status` shows.
        var (code, text) = await CliProcess.RunAsync(root, "status", "--store", "sqlite:" + Path.Combine(root, "graph.db"));
        Assert.True(code == 0, text);
        Assert.Contains("Failed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blob_names_with_path_traversal_are_rejected_with_a_reason()
    {
        await using var pipeline = await BlobPipeline.StartAsync(emulators.Azurite.ConnectionString, new SqliteGraphStore(Path.Combine(root, "blobs.db")));
        var prefix = Guid.NewGuid().ToString("N");
        var good = await pipeline.UploadAndIngestAsync($"{prefix}/good.txt", Good);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, good.RuntimeStatus);

        // A blob that "{prefix}/./c.txt" reaches once the request URL is normalised.
        var content = Encoding.UTF8.GetBytes("Kalman filters are used for sensor fusion.");
        await pipeline.Container.GetBlobClient($"{prefix}/c.txt").UploadAsync(new BinaryData(content));
        var lines = new List<string>();
        foreach (var name in new[] { "../x.txt", "a/../../b.txt", $"{prefix}/./c.txt" })
        {
            await pipeline.TriggerAsync(name, content);
            var metadata = await pipeline.WaitAsync(name, content);
            Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{name}: {metadata.RuntimeStatus} {metadata.FailureDetails?.ErrorMessage}");
            var outcome = metadata.ReadOutputAs<IngestOutcome>();
            var record = await pipeline.Store.GetDocumentAsync(DocumentIds.For($"documents/{name}"), CancellationToken.None);
            lines.Add($"{name}: {outcome?.Status} {record?.Status} {record?.Error}");
            Assert.Equal("Failed", outcome!.Status);
            Assert.NotNull(record);
            Assert.Equal(DocumentStatus.Failed, record.Status);
            Assert.Contains(name, record.Error, StringComparison.Ordinal);
        }

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        ScenarioTable.Row(output, "Blob names with path traversal (Azurite)", "3 hostile names + 1 good", "3 failed with reason, good ingested", "0");
        Assert.Empty(await pipeline.Store.FindEntitiesAsync("kalman filter", 5, CancellationToken.None));
        Assert.NotEmpty(await pipeline.Store.FindEntitiesAsync("LSTM", 5, CancellationToken.None));
    }

    private static void Write(string folder, string name, byte[] content) => File.WriteAllBytes(Path.Combine(folder, name), content);

    /// <summary>A file of <paramref name="bytes"/> length without its disk blocks: only its length says it is too large.</summary>
    private static void WriteSparse(string path, long bytes)
    {
        using var stream = File.Create(path);
        stream.SetLength(bytes);
    }

    private static byte[] BinaryData()
    {
        var random = new Random(3);
        var bytes = new byte[8192];
        random.NextBytes(bytes);
        bytes[10] = 0;
        return bytes;
    }

    /// <summary>A Word document whose body expands 1000-fold: 64 MB of spaces in a few kilobytes.</summary>
    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (var i = 0; i < 64; i++)
            {
                entry.Write(block);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A one-page PDF whose trailer names a standard security handler that no empty password opens.</summary>
    private static byte[] EncryptedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            "<< /Length 20 >>\nstream\nBT (secret) Tj ET  \nendstream",
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + new string('a', 64) + "> /U <" + new string('b', 64) + "> >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
