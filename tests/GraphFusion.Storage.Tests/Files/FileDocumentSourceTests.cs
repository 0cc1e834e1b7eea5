using GraphFusion.Core.Documents;
using GraphFusion.Storage.Files;

namespace GraphFusion.Storage.Tests.Files;

public sealed class FileDocumentSourceTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("gf-files-").FullName;

    [Fact]
    public async Task A_file_over_the_limit_is_refused_by_its_length_before_it_is_read()
    {
        // Sparse: 200 MB of length and no disk blocks. The message gives the exact length: it came from the file system, not from reading.
        var huge = Path.Combine(root, "huge.txt");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(200L * 1024 * 1024);
        }

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => new FileDocumentSource().ReadAsync(huge, CancellationToken.None));

        Assert.Equal(huge, error.DocumentName);
        Assert.Contains(huge, error.Message, StringComparison.Ordinal);
        Assert.Contains($"is {200L * 1024 * 1024} bytes, more than the limit of {DocumentLimits.Default.MaxBytes}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_within_the_limit_is_read_whole()
    {
        var path = Path.Combine(root, "small.txt");
        var bytes = new byte[100_000];
        new Random(2).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var document = await new FileDocumentSource(new DocumentLimits { MaxBytes = bytes.Length }).ReadAsync(path, CancellationToken.None);

        Assert.Equal(path, document.Name);
        Assert.Equal(bytes, document.Content);
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_missing()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => new FileDocumentSource().ReadAsync(Path.Combine(root, "gone.txt"), CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
