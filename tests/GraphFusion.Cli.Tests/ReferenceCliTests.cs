namespace GraphFusion.Cli.Tests;

public sealed class ReferenceCliTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("gf-cli-ref-").FullName;

    [Fact]
    public async Task A_reference_is_indexed_into_the_store_and_shown_by_status_and_a_bad_one_stops_the_run()
    {
        await File.WriteAllTextAsync(Path.Combine(work, "doc.txt"), "Long short-term memory (LSTM) is a type of recurrent neural network.");
        await File.WriteAllTextAsync(Path.Combine(work, "glossary.csv"), "id,term,description\nlstm,Long short-term memory,A recurrent neural network with memory cells\n");
        await File.WriteAllTextAsync(Path.Combine(work, "bad.csv"), "term,description\n\"Open,quote\n");

        var (code, output) = await CliProcess.RunAsync(work, null, "ingest", "doc.txt", "--reference", "glossary.csv");
        Assert.True(code == 0, output);
        (code, output) = await CliProcess.RunAsync(work, null, "status");
        Assert.True(code == 0, output);
        Assert.Contains("glossary.csv", output, StringComparison.Ordinal);
        Assert.Contains("Indexed", output, StringComparison.Ordinal);

        (code, output) = await CliProcess.RunAsync(work, null, "ingest", "doc.txt", "--reference", "bad.csv");

        Assert.NotEqual(0, code);
        // The console wraps long lines where it likes.
        Assert.Contains("bad.csv:2:", output.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
