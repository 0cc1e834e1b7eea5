using System.Diagnostics;
using GraphFusion.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace GraphFusion.Resilience.Tests;

/// <summary>
/// <c>graphfusion ingest</c> killed at random points and run again loses no document, claim or extraction, and ends with
/// the graph of an uninterrupted run. Both graphs are compared after a global pass (<c>refuse --all</c>): incremental rounds
/// of concurrent ingestion may merge near-identical names in a different order, so only the graph as a function of the
/// claims is defined whatever the order documents arrived in.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class CrashResumeTests(ITestOutputHelper output) : IDisposable
{
    private const int Documents = 200;
    private const int Seed = 7;
    private readonly string root = Directory.CreateTempSubdirectory("gf-crash-").FullName;

    [Fact]
    public async Task Killed_runs_resume_to_the_uninterrupted_graph_without_reextracting_chunks()
    {
        var docs = Path.Combine(root, "docs");
        Corpus.Write(docs, Documents, Seed);

        var referenceDb = Path.Combine(root, "reference.db");
        var (code, text) = await CliProcess.RunAsync(root, "ingest", docs, "--extractor", "rules", "--store", "sqlite:" + referenceDb);
        Assert.True(code == 0, text);
        var totalChunks = ExtractionRows(referenceDb).Count;
        var referenceIncremental = await FingerprintAsync(referenceDb);
        var reference = await GlobalFingerprintAsync(referenceDb);

        var crashDb = Path.Combine(root, "crash.db");
        var random = new Random(Seed);
        var targets = Enumerable.Range(0, 3).Select(_ => random.Next(totalChunks / 10, totalChunks * 9 / 10)).Order().ToList();
        var kills = new List<string>();
        var rewritten = 0;
        foreach (var target in targets)
        {
            var before = ExtractionRows(crashDb);
            var (killed, atRows) = await RunAndKillAsync(crashDb, docs, target);
            rewritten += Rewritten(before, ExtractionRows(crashDb));
            kills.Add(killed ? $"killed at {atRows}/{totalChunks} chunks" : $"finished before {target}");
        }

        var beforeRerun = ExtractionRows(crashDb);
        (code, text) = await CliProcess.RunAsync(root, "ingest", docs, "--extractor", "rules", "--store", "sqlite:" + crashDb);
        Assert.True(code == 0, text);
        var afterRerun = ExtractionRows(crashDb);
        rewritten += Rewritten(beforeRerun, afterRerun);
        var resumedIncremental = await FingerprintAsync(crashDb);
        var resumed = await GlobalFingerprintAsync(crashDb);
        var documents = await DocumentStatusesAsync(crashDb);

        output.WriteLine($"Kills: {string.Join("; ", kills)}");
        output.WriteLine($"Extraction results before the final run: {beforeRerun.Count}, after: {afterRerun.Count}, chunks in total: {totalChunks}; results re-extracted: {rewritten}");
        output.WriteLine($"Reference, as ingested: {referenceIncremental}");
        output.WriteLine($"Resumed, as ingested:   {resumedIncremental}");
        output.WriteLine($"Reference after refuse --all: {reference}");
        output.WriteLine($"Resumed after refuse --all:   {resumed}");
        ScenarioTable.Row(output, "CLI crash + resume (SIGKILL x3, SQLite)", $"{Documents} docs, {totalChunks} chunks, kills seeded at {string.Join("/", targets)}",
            resumed == reference ? "graph identical" : "graph differs", $"0 docs lost ({documents.Count(d => d == "Ingested")}/{Documents} ingested), {rewritten} chunks re-extracted");

        Assert.Equal(reference, resumed);
        Assert.Equal(totalChunks, afterRerun.Count);
        Assert.Equal(0, rewritten);
        Assert.Equal(Documents, documents.Count(d => d == "Ingested"));
    }

    private async Task<(bool Killed, int AtRows)> RunAndKillAsync(string db, string docs, int targetRows)
    {
        using var process = CliProcess.Start(root, "ingest", docs, "--extractor", "rules", "--store", "sqlite:" + db);
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        var watch = Stopwatch.StartNew();
        var rows = 0;
        while (!process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            rows = CountExtractionRows(db);
            if (rows >= targetRows)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                await drain;
                return (true, rows);
            }

            await Task.Delay(15);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await drain;
        return (false, rows);
    }

    /// <summary>Extraction results by key with their row ids; a result written again gets a new row id.</summary>
    private static Dictionary<string, long> ExtractionRows(string db)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(db))
        {
            return rows;
        }

        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, rowid FROM state WHERE id LIKE 'extract:%'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    private static int CountExtractionRows(string db)
    {
        try
        {
            if (!File.Exists(db))
            {
                return 0;
            }

            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM state WHERE id LIKE 'extract:%'";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the schema is not there yet, or the writer holds the file
        }
    }

    private static int Rewritten(Dictionary<string, long> before, Dictionary<string, long> after) =>
        before.Count(p => after.TryGetValue(p.Key, out var rowid) && rowid != p.Value);

    private static async Task<GraphFingerprint> FingerprintAsync(string db)
    {
        try
        {
            return await GraphFingerprint.OfAsync(new SqliteGraphStore(db));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    // The graph after a global pass over the claims (the chat model off, so nothing but the claims decides).
    private async Task<GraphFingerprint> GlobalFingerprintAsync(string db)
    {
        var (code, text) = await CliProcess.RunAsync(root, "refuse", "--all", "--judge", "none", "--store", "sqlite:" + db);
        Assert.True(code == 0, text);
        return await FingerprintAsync(db);
    }

    private static async Task<List<string>> DocumentStatusesAsync(string db)
    {
        try
        {
            return (await new SqliteGraphStore(db).ListDocumentsAsync(CancellationToken.None)).Select(d => d.Status.ToString()).ToList();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
