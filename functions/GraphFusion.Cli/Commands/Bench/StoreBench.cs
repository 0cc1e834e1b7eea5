using System.Diagnostics;
using System.Globalization;
using System.Text;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>Claim upserts per second and point-query latency on the embedded store and the local Cosmos-compatible server.</summary>
internal static class StoreBench
{
    private const int ClaimsPerBatch = 100;

    private sealed record StoreResult(string Store, List<double> BatchedPerSecond, List<double> SinglePerSecond, List<double> P50Ms, List<double> P95Ms, int Upserts, int Queries);

    public static async Task<BenchSection> RunAsync(BenchSettings settings, string? cosmosEndpoint, CancellationToken cancellationToken)
    {
        var section = new BenchSection("stores");
        var folder = Path.Combine(Path.GetTempPath(), $"graphfusion-bench-stores-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var results = new List<StoreResult>();
        try
        {
            var upserts = settings.Quick ? 2_000 : 20_000;
            var queries = settings.Quick ? 500 : 5_000;
            var run = 0;
            results.Add(await MeasureAsync("SQLite (embedded)", () => Task.FromResult<IGraphStore>(new SqliteGraphStore(Path.Combine(folder, $"stores-{run++}.db"))), upserts, queries, settings, cancellationToken));

            LocalCosmosServer? server = null;
            try
            {
                if (cosmosEndpoint is null && LocalCosmosServer.FindScript() is { } script)
                {
                    server = await LocalCosmosServer.StartAsync(script, cancellationToken);
                    cosmosEndpoint = server.Endpoint.ToString();
                }

                if (cosmosEndpoint is not null)
                {
                    var cosmosUpserts = settings.Quick ? 300 : 3_000;
                    var cosmosQueries = settings.Quick ? 200 : 1_000;
                    results.Add(await MeasureAsync(
                        "Cosmos-compatible local server",
                        () => OpenCosmosAsync(cosmosEndpoint, $"bench{Guid.NewGuid():N}", cancellationToken),
                        cosmosUpserts, cosmosQueries, settings, cancellationToken));
                    section.Notes.Add("The Cosmos figures come from the project's local Cosmos-compatible test server (tests/Emulators/cosmos-server.js, in memory, over loopback HTTP). It is not Cosmos DB: they show the client path's overhead, not the service's latency or throughput.");
                }
                else
                {
                    section.Notes.Add("Cosmos-compatible server skipped: tests/Emulators/node_modules is not installed (run `npm ci` in tests/Emulators) and no --cosmos endpoint was given.");
                }
            }
            finally
            {
                if (server is not null)
                {
                    await server.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var markdown = new StringBuilder();
        markdown.AppendLine("Claim items (one key of one document, about 1 KB of JSON each) written in batches of 100 per call (one transaction on SQLite) and one per call; point queries read the claims of one random key.");
        markdown.AppendLine();
        markdown.AppendLine("| store | upserts/s, batches of 100 | upserts/s, one per call | point query p50 (ms) | point query p95 (ms) |");
        markdown.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var batched = section.Add($"{r.Store}: upserts/s, batched", "items/s", r.BatchedPerSecond);
            var single = section.Add($"{r.Store}: upserts/s, one per call", "items/s", r.SinglePerSecond);
            var p50 = section.Add($"{r.Store}: point query p50", "ms", r.P50Ms);
            var p95 = section.Add($"{r.Store}: point query p95", "ms", r.P95Ms);
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {r.Store} | {batched.Value.Format("F0")} | {single.Value.Format("F0")} | {p50.Value.Format("F3")} | {p95.Value.Format("F3")} |");
            if (r.Store.StartsWith("SQLite", StringComparison.Ordinal))
            {
                section.Guards.Add(new Guard(
                    "SQLite: batched upserts not slower than one per call",
                    batched.Value.Median >= single.Value.Median,
                    $"{batched.Value.Median:F0} vs {single.Value.Median:F0} items/s"));
            }
        }

        foreach (var note in section.Notes)
        {
            markdown.AppendLine();
            markdown.AppendLine(note);
        }

        section.Markdown = markdown.ToString();
        section.Plots["stores.svg"] = Svg.Bars(
            "Claim upserts per second",
            "items/s (higher is better)",
            [.. results.SelectMany(r => new[]
            {
                ($"{Short(r.Store)}, batched", Stat.Of(r.BatchedPerSecond).Median, false),
                ($"{Short(r.Store)}, one per call", Stat.Of(r.SinglePerSecond).Median, true),
            })]);
        return section;
    }

    private static string Short(string store) => store.StartsWith("SQLite", StringComparison.Ordinal) ? "SQLite" : "Cosmos-compatible";

    private static async Task<StoreResult> MeasureAsync(
        string name, Func<Task<IGraphStore>> open, int upserts, int queries, BenchSettings settings, CancellationToken cancellationToken)
    {
        var result = new StoreResult(name, [], [], [], [], upserts, queries);
        for (var run = 0; run < settings.Runs; run++)
        {
            var store = await open();
            try
            {
                var claims = Enumerable.Range(0, upserts).Select(i => Claim($"key {run} {i}", $"doc-{i % 50}")).ToList();
                var watch = Stopwatch.StartNew();
                foreach (var batch in claims.Chunk(ClaimsPerBatch))
                {
                    // One document per batch, as the link step writes a document's claims.
                    await store.WriteClaimsAsync(batch[0].DocumentId, [.. batch.Select(c => c with { DocumentId = batch[0].DocumentId })], cancellationToken);
                }

                result.BatchedPerSecond.Add(upserts / watch.Elapsed.TotalSeconds);

                var singles = claims.Take(Math.Max(ClaimsPerBatch, upserts / 4)).Select(c => c with { Key = "single " + c.Key }).ToList();
                watch.Restart();
                foreach (var claim in singles)
                {
                    await store.WriteClaimsAsync(claim.DocumentId, [claim], cancellationToken);
                }

                result.SinglePerSecond.Add(singles.Count / watch.Elapsed.TotalSeconds);

                var random = new Random(run);
                var latencies = new double[queries];
                for (var q = 0; q < queries; q++)
                {
                    var key = claims[random.Next(claims.Count)].Key;
                    var start = Stopwatch.GetTimestamp();
                    var found = await store.GetClaimsAsync([key], cancellationToken);
                    latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (found.Count == 0)
                    {
                        throw new InvalidOperationException($"{name}: the claims of '{key}' were written but not read back.");
                    }
                }

                Array.Sort(latencies);
                result.P50Ms.Add(Measure.Percentile(latencies, 0.50));
                result.P95Ms.Add(Measure.Percentile(latencies, 0.95));
                settings.Log($"stores, {name}: run {run + 1}/{settings.Runs}: {result.BatchedPerSecond[^1]:F0} upserts/s batched, {result.SinglePerSecond[^1]:F0} single, p50 {result.P50Ms[^1]:F3} ms");
            }
            finally
            {
                (store as IDisposable)?.Dispose();
                if (store is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        }

        return result;
    }

    private static KeyClaims Claim(string key, string documentId) => new()
    {
        Key = key,
        DocumentId = documentId,
        DocumentVersion = "v1",
        ObservedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Mentions = [new MentionClaim(key, "Method", "chunk-1", 10, 10 + key.Length, 0.9, "bench"), new MentionClaim(key + "s", "Method", "chunk-2", 5, 6 + key.Length, 0.8, "bench")],
        Relations =
        [
            new RelationClaim(key, RelationSchema.UsedFor, "other " + key, key, "other " + key, "chunk-1", 0, 80, $"We use {key} for other {key} in this synthetic sentence of ordinary length.", 0.7, "bench"),
            new RelationClaim(key, RelationSchema.PartOf, "whole " + key, key, "whole " + key, "chunk-2", 0, 80, $"The {key} is part of the whole {key}, as the second sentence of this document says.", 0.6, "bench"),
        ],
    };

    private static async Task<IGraphStore> OpenCosmosAsync(string endpoint, string database, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoint);
        if (!uri.IsLoopback)
        {
            throw new ArgumentException($"--cosmos {endpoint}: the store benchmark only talks to a local server on a loopback address.");
        }

        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
        var options = new CosmosGraphStoreOptions
        {
            Endpoint = uri,
            Database = database,
            Key = Environment.GetEnvironmentVariable(CosmosStoreLocation.KeyVariable) is { Length: > 0 } key ? key : LocalCosmosServer.WellKnownKey,
            UseGateway = true,
        };
        return await CosmosGraphStore.CreateAsync(CosmosClientFactory.Create(options), options, cancellationToken);
    }
}

/// <summary>The repository's local Cosmos-compatible test server (tests/Emulators/cosmos-server.js) on a free loopback port.</summary>
internal sealed class LocalCosmosServer : IAsyncDisposable
{
    /// <summary>The well-known key of local Cosmos DB emulators.</summary>
    public const string WellKnownKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private readonly Process process;

    private LocalCosmosServer(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>tests/Emulators/cosmos-server.js above the working folder or the binaries, when its npm packages are installed.</summary>
    public static string? FindScript()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var emulators = Path.Combine(dir.FullName, "tests", "Emulators");
                if (File.Exists(Path.Combine(emulators, "cosmos-server.js")) && Directory.Exists(Path.Combine(emulators, "node_modules")))
                {
                    return Path.Combine(emulators, "cosmos-server.js");
                }
            }
        }

        return null;
    }

    public static async Task<LocalCosmosServer> StartAsync(string script, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--host", "127.0.0.1", "--port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node could not be started.");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("READY ", StringComparison.Ordinal) && Uri.TryCreate(line[6..].Trim(), UriKind.Absolute, out var uri))
            {
                ready.TrySetResult(uri);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new LocalCosmosServer(process, endpoint);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(process);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
