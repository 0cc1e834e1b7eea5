using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using GraphFusion.Core.Chunking;
using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker;
using GraphFusion.Inference;
using GraphFusion.Inference.Extraction;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>One load level: an endpoint, batching on or off, a number of concurrent clients.</summary>
internal sealed record WorkerMeasurement(string Endpoint, bool Batching, int Clients, int Requests, double SentencesPerSecond, double P50Ms, double P95Ms);

/// <summary>The in-process references: the raw encoder/extractor loop at its best batch size, and one direct call's p95.</summary>
internal sealed record InProcessReference(string Endpoint, int BestBatchSize, double CeilingSentencesPerSecond, double DirectP95Ms);

/// <summary>
/// Runs the worker in this process on loopback with dynamic batching on (max batch 32, 5 ms) and off (max batch 1) and
/// loads <c>/v1/embeddings</c> and <c>/v1/extract</c> with one sentence per request from 1, 8 and 64 concurrent clients.
/// </summary>
internal sealed class WorkerBenchmark(IReadOnlyList<string> sentences, int requestsPerLevel)
{
    public static readonly int[] ClientCounts = [1, 8, 64];
    private static readonly int[] BatchSizes = [1, 8, 32, 64];
    private const string ApiKey = "bench-local-key";

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

    public IReadOnlyList<InProcessReference> MeasureInProcess(Action<string> status)
    {
        var layer = TrainedExtractor.ShippedEncoderLayer;
        var chunks = sentences.Select((s, i) => new ChunkInput(i.ToString(System.Globalization.CultureInfo.InvariantCulture), s)).ToArray();
        (int Batch, double Rate) bestEmbed = (0, 0), bestExtract = (0, 0);
        double embedP95 = 0, extractP95 = 0;
        foreach (var batch in BatchSizes)
        {
            status($"in-process ceiling, batch {batch}");
            var options = new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, MaxBatchSize = batch };
            options.IntermediateLayers.Add(layer);
            using var encoder = new MiniLmEncoder(options);
            using var extractor = TrainedExtractor.LoadShipped(encoder);
            encoder.Embed(sentences.Take(batch).ToArray());
            var embedRate = sentences.Count / Time(() => encoder.Embed(sentences));
            var extractRate = sentences.Count / Time(() => extractor.Extract(chunks));
            bestEmbed = embedRate > bestEmbed.Rate ? (batch, embedRate) : bestEmbed;
            bestExtract = extractRate > bestExtract.Rate ? (batch, extractRate) : bestExtract;
            if (batch == 1)
            {
                embedP95 = Percentile(sentences.Select(s => Time(() => encoder.Embed([s])) * 1000).ToList(), 0.95);
                extractP95 = Percentile(chunks.Select(c => Time(() => extractor.Extract([c])) * 1000).ToList(), 0.95);
            }
        }

        return [new("embeddings", bestEmbed.Batch, bestEmbed.Rate, embedP95), new("extract", bestExtract.Batch, bestExtract.Rate, extractP95)];
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
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("api-key", ApiKey);
        while (!(await http.GetAsync("/v1/extract/model", cancellationToken)).IsSuccessStatusCode)
        {
            await Task.Delay(100, cancellationToken);
        }

        var results = new List<WorkerMeasurement>();
        foreach (var endpoint in new[] { "embeddings", "extract" })
        {
            foreach (var clients in ClientCounts)
            {
                status($"batching {(batching ? "on" : "off")}: {endpoint}, {clients} clients");
                results.Add(await LoadAsync(http, endpoint, batching, clients, cancellationToken));
            }
        }

        await app.StopAsync(cancellationToken);
        return results;
    }

    private async Task<WorkerMeasurement> LoadAsync(HttpClient http, string endpoint, bool batching, int clients, CancellationToken cancellationToken)
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
                var sentence = sentences[i % sentences.Count];
                object body = endpoint == "embeddings" ? new { input = new[] { sentence } } : new { texts = new[] { sentence } };
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync($"/v1/{endpoint}", body, cancellationToken);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        var list = latencies.ToList();
        return new WorkerMeasurement(endpoint, batching, clients, total, total / seconds, Percentile(list, 0.5), Percentile(list, 0.95));
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
