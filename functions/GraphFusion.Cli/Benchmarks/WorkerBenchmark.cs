using System.Collections.Concurrent;
using System.Diagnostics;
using GraphFusion.Core.Chunking;
using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker;
using GraphFusion.GpuWorker.Model;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Inference;
using GraphFusion.Inference.Extraction;
using GraphFusion.Workers.Embeddings;
using GraphFusion.Workers.Extraction;
using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>
/// One load level: an endpoint, batching on or off, a number of concurrent clients. At 1 client each request through the
/// service is paired with a direct call of the worker's own model (<see cref="DirectP50Ms"/>, <see cref="DirectP95Ms"/>).
/// </summary>
internal sealed record WorkerMeasurement(
    string Endpoint, bool Batching, int Clients, int Requests, double SentencesPerSecond, double P50Ms, double P95Ms,
    double? DirectP50Ms = null, double? DirectP95Ms = null)
{
    /// <summary>How many runs the figures are medians of.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Lowest and highest throughput over the runs.</summary>
    public double MinSentencesPerSecond { get; init; }

    public double MaxSentencesPerSecond { get; init; }

    /// <summary>The runs of one load level as one measurement: the median of each figure.</summary>
    public static WorkerMeasurement MedianOf(IReadOnlyList<WorkerMeasurement> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        return runs[0] with
        {
            SentencesPerSecond = RepeatedRuns.Median(runs.Select(r => r.SentencesPerSecond)),
            P50Ms = RepeatedRuns.Median(runs.Select(r => r.P50Ms)),
            P95Ms = RepeatedRuns.Median(runs.Select(r => r.P95Ms)),
            DirectP50Ms = RepeatedRuns.Median(runs.Select(r => r.DirectP50Ms)),
            DirectP95Ms = RepeatedRuns.Median(runs.Select(r => r.DirectP95Ms)),
            Runs = runs.Count,
            MinSentencesPerSecond = runs.Min(r => r.SentencesPerSecond),
            MaxSentencesPerSecond = runs.Max(r => r.SentencesPerSecond),
        };
    }
}

/// <summary>The in-process ceiling: the raw encoder/extractor loop at its best batch size and thread-spinning setting.</summary>
internal sealed record InProcessReference(string Endpoint, int BestBatchSize, bool Spinning, double CeilingSentencesPerSecond)
{
    /// <summary>The runs of one endpoint as one reference: the median ceiling, with the batch size and spinning of the run closest to it.</summary>
    public static InProcessReference MedianOf(IReadOnlyList<InProcessReference> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var ceiling = RepeatedRuns.Median(runs.Select(r => r.CeilingSentencesPerSecond));
        return runs.MinBy(r => Math.Abs(r.CeilingSentencesPerSecond - ceiling))! with { CeilingSentencesPerSecond = ceiling };
    }
}

/// <summary>
/// Runs the worker in this process on loopback with dynamic batching on (max batch 32, 5 ms) and off (max batch 1) and
/// loads <c>/v1/embeddings</c> and <c>/v1/extract</c> with one sentence per request from 1, 8 and 64 concurrent clients,
/// through the pipeline's own typed clients (<see cref="WorkerTextEmbedder"/>: base64 vectors, decoded;
/// <see cref="WorkerExtractionClient"/>: parsed results).
/// </summary>
/// <remarks>
/// The direct call that the 1-client latency is compared with is the worker's own encoder or extractor (same ONNX Runtime
/// session and options), called in this process with the same input; service and direct calls alternate, so both see the
/// same load on a shared machine. Both get the same warm-up: at least one pass over the sentences and three seconds.
/// </remarks>
internal sealed class WorkerBenchmark(IReadOnlyList<string> sentences, int requestsPerLevel)
{
    public static readonly int[] ClientCounts = [1, 8, 64];
    private static readonly int[] BatchSizes = [1, 8, 32, 64];
    private const string ApiKey = "bench-local-key";

    // Long enough for the JIT to replace the tier-0 code of the HTTP stack, the endpoints and the model wrappers: with one
    // pass only, the first worker measured ran partly on tier-0 code and was clearly the slower one, whichever it was
    // (a little of that remains at three seconds).
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<string> LoadSentences(string folder, int count)
    {
        var sentences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            sentences.AddRange(SentenceSplitter.Split(text).Select(s => text[s.Start..s.End].Trim()).Where(s => s.Length >= 20));
        }

        return sentences.Count == 0 ? throw new ArgumentException($"no sentences in {folder}/*.txt") : [.. sentences.Take(count)];
    }

    /// <summary>The best raw in-process rate over batch sizes, with ONNX Runtime's threads spinning (its default) and not (the worker's).</summary>
    public IReadOnlyList<InProcessReference> MeasureInProcess(Action<string> status)
    {
        var layer = TrainedExtractor.ShippedEncoderLayer;
        var chunks = Chunks();
        InProcessReference bestEmbed = new("embeddings", 0, false, 0), bestExtract = new("extract", 0, false, 0);
        foreach (var spinning in new[] { new ModelOptions().AllowSpinning, !new ModelOptions().AllowSpinning })
        {
            foreach (var batch in BatchSizes)
            {
                status($"in-process ceiling, batch {batch}, spinning {(spinning ? "on" : "off")}");
                var options = new MiniLmEncoderOptions
                {
                    ExecutionProvider = ExecutionProviderPreference.Cpu,
                    MaxBatchSize = batch,
                    IntraOpThreads = new ModelOptions().IntraOpThreads,
                    AllowSpinning = spinning,
                };
                options.IntermediateLayers.Add(layer);
                using var encoder = new MiniLmEncoder(options);
                using var extractor = TrainedExtractor.LoadShipped(encoder);
                encoder.Embed(sentences.Take(batch).ToArray());
                extractor.Extract(chunks.Take(batch).ToArray());
                var embedRate = Rate(() => encoder.Embed(sentences));
                var extractRate = Rate(() => extractor.Extract(chunks));
                bestEmbed = embedRate > bestEmbed.CeilingSentencesPerSecond ? bestEmbed with { BestBatchSize = batch, Spinning = spinning, CeilingSentencesPerSecond = embedRate } : bestEmbed;
                bestExtract = extractRate > bestExtract.CeilingSentencesPerSecond ? bestExtract with { BestBatchSize = batch, Spinning = spinning, CeilingSentencesPerSecond = extractRate } : bestExtract;
            }
        }

        return [bestEmbed, bestExtract];
    }

    /// <param name="modelBatchSize">Texts per model call inside the worker: the in-process best batch size, so that the service and its ceiling make the same calls.</param>
    public async Task<IReadOnlyList<WorkerMeasurement>> MeasureWorkerAsync(bool batching, int modelBatchSize, Action<string> status, CancellationToken cancellationToken)
    {
        status($"starting the worker, batching {(batching ? "on" : "off")}");
        await using var app = WorkerApplication.Create(new Dictionary<string, string?>
        {
            ["Auth:ApiKey"] = ApiKey,
            ["Batching:MaxBatchSize"] = batching ? "32" : "1",
            ["Batching:MaxWaitMilliseconds"] = batching ? "5" : "0",
            ["Batching:QueueCapacity"] = "4096",
            ["Model:MaxBatchSize"] = batching ? modelBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1",
            ["Model:ExecutionProvider"] = "Cpu",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
        });
        await app.StartAsync(cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("api-key", ApiKey);
        var extractClient = new WorkerExtractionClient(http);
        var embedder = new WorkerTextEmbedder(new WorkerEmbeddingClient(http));
        while (!(await http.GetAsync("/v1/extract/model", cancellationToken)).IsSuccessStatusCode)
        {
            await Task.Delay(100, cancellationToken);
        }

        // The worker's own model objects: the direct call runs the very session the service runs.
        var encoder = await app.Services.GetRequiredService<EncoderHost>().Model;
        var extractor = await app.Services.GetRequiredService<ExtractorHost>().Extractor;
        var chunks = Chunks();
        var endpoints = new (string Name, Func<int, CancellationToken, Task> Service, Action<int> Direct)[]
        {
            ("embeddings", (i, ct) => embedder.EmbedAsync([sentences[i % sentences.Count]], ct), i => encoder.EmbedWithTokenCounts([sentences[i % sentences.Count]])),
            ("extract", (i, ct) => extractClient.ExtractAsync([chunks[i % chunks.Length]], ct), i => extractor.Extract([chunks[i % chunks.Length]])),
        };

        var results = new List<WorkerMeasurement>();
        foreach (var (name, service, direct) in endpoints)
        {
            status($"batching {(batching ? "on" : "off")}: {name}, warm-up");
            var warmUp = Stopwatch.StartNew();
            for (var i = 0; i < sentences.Count || warmUp.Elapsed < WarmUpTime; i++)
            {
                direct(i);
                await service(i, cancellationToken);
            }

            foreach (var clients in ClientCounts)
            {
                status($"batching {(batching ? "on" : "off")}: {name}, {clients} clients");
                results.Add(clients == 1
                    ? await PairedAsync(name, batching, service, direct, cancellationToken)
                    : await LoadAsync(name, batching, clients, service, cancellationToken));
            }
        }

        await app.StopAsync(cancellationToken);
        return results;
    }

    /// <summary>One client: each request through the service alternates with the same input called directly (which goes first alternates too).</summary>
    private async Task<WorkerMeasurement> PairedAsync(
        string endpoint, bool batching, Func<int, CancellationToken, Task> service, Action<int> direct, CancellationToken cancellationToken)
    {
        var total = requestsPerLevel;
        var serviceMs = new List<double>(total);
        var directMs = new List<double>(total);
        for (var i = 0; i < total; i++)
        {
            if (i % 2 == 0)
            {
                directMs.Add(Time(() => direct(i)) * 1000);
            }

            var started = Stopwatch.GetTimestamp();
            await service(i, cancellationToken);
            serviceMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (i % 2 == 1)
            {
                directMs.Add(Time(() => direct(i)) * 1000);
            }
        }

        return new WorkerMeasurement(endpoint, batching, 1, total, total / (serviceMs.Sum() / 1000), Percentile(serviceMs, 0.5), Percentile(serviceMs, 0.95),
            Percentile(directMs, 0.5), Percentile(directMs, 0.95));
    }

    private async Task<WorkerMeasurement> LoadAsync(
        string endpoint, bool batching, int clients, Func<int, CancellationToken, Task> service, CancellationToken cancellationToken)
    {
        var total = Math.Max(requestsPerLevel, clients * 2);
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                await service(i, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        var list = latencies.ToList();
        return new WorkerMeasurement(endpoint, batching, clients, total, total / seconds, Percentile(list, 0.5), Percentile(list, 0.95));
    }

    private ChunkInput[] Chunks() =>
        [.. sentences.Select((s, i) => new ChunkInput(i.ToString(System.Globalization.CultureInfo.InvariantCulture), s))];

    /// <summary>Sentences per second of whole passes over the sentences, repeated for at least a second so that one quiet moment on a shared machine does not set the ceiling.</summary>
    private double Rate(Action pass)
    {
        var passes = 0;
        var started = Stopwatch.GetTimestamp();
        do
        {
            pass();
            passes++;
        }
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1));
        return passes * sentences.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }
}
