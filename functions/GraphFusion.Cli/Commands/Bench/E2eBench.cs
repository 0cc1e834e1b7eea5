using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using GraphFusion.Core.Chunking;
using GraphFusion.Core.Extraction;
using GraphFusion.Inference;
using GraphFusion.Inference.Extraction;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>
/// Whole-pipeline ingestion of the Graphusion abstracts on the embedded default (SQLite, trained extractor), against the
/// ceiling of one raw MiniLM encoder pass over the same sentences.
/// </summary>
internal static class E2eBench
{
    private const string DurableSource = "Microsoft.DurableTask";

    public static async Task<BenchSection> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var section = new BenchSection("e2e");
        var (texts, source) = LoadCorpus(settings);
        section.Data["documents"] = texts.Count;
        section.Data["corpus"] = source;
        var folder = Path.Combine(Path.GetTempPath(), $"graphfusion-bench-e2e-{Guid.NewGuid():N}");
        var docs = Path.Combine(folder, "docs");
        Directory.CreateDirectory(docs);
        var files = texts.Select((text, i) =>
        {
            var path = Path.Combine(docs, $"abstract-{i:D4}.txt");
            File.WriteAllText(path, text);
            return path;
        }).ToList();

        var wall = new List<double>();
        var stepTotals = new List<Dictionary<string, double>>();
        var storeShare = new List<double>();
        var extractShare = new List<double>();
        IReadOnlyList<(string Operation, double Seconds, long Calls)> storeOps = [];
        int failed = 0, entities = 0, relations = 0;
        try
        {
            // The ceiling runs on the extractor's own encoder: same session, same options, same hidden state.
            var layer = TrainedExtractor.ShippedEncoderLayer;
            var encoderOptions = new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu };
            if (layer != MiniLmEncoder.LayerCount)
            {
                encoderOptions.IntermediateLayers.Add(layer);
            }

            using var encoder = new MiniLmEncoder(encoderOptions);
            using var trained = TrainedExtractor.LoadShipped(encoder);
            for (var run = 0; run < settings.Runs; run++)
            {
                var store = new TimingGraphStore(new SqliteGraphStore(Path.Combine(folder, $"graph-{run}.db")));
                var extractor = new TimingExtractor(trained);
                var steps = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
                using var listener = new ActivityListener
                {
                    ShouldListenTo = s => s.Name.StartsWith(DurableSource, StringComparison.Ordinal),
                    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                    ActivityStopped = activity =>
                    {
                        if (activity.Kind == ActivityKind.Server && activity.GetTagItem("durabletask.type") as string == "activity"
                            && activity.GetTagItem("durabletask.task.name") is string name)
                        {
                            steps.AddOrUpdate(name, activity.Duration.TotalSeconds, (_, s) => s + activity.Duration.TotalSeconds);
                        }
                    },
                };
                ActivitySource.AddActivityListener(listener);

                var watch = Stopwatch.StartNew();
                var outcomes = await new LocalPipelineRunner(store, extractor).IngestAsync(files, null, cancellationToken);
                watch.Stop();
                wall.Add(watch.Elapsed.TotalSeconds);
                failed = outcomes.Count(o => o.Status == "Failed");
                var counts = await store.CountAsync(cancellationToken);
                (entities, relations) = (counts.Entities, counts.Relations);
                stepTotals.Add(new Dictionary<string, double>(steps, StringComparer.Ordinal));
                var stepSum = steps.Values.Sum();
                storeShare.Add(stepSum > 0 ? store.TotalSeconds / stepSum : double.NaN);
                extractShare.Add(stepSum > 0 ? extractor.Seconds / stepSum : double.NaN);
                storeOps = store.Totals;
                settings.Log($"e2e: run {run + 1}/{settings.Runs}: {texts.Count} documents in {watch.Elapsed.TotalSeconds:F1} s, {failed} failed, {counts.Entities} entities");
            }

            var peakRss = Measure.PeakWorkingSet();
            var sentences = texts.SelectMany(t => SentenceSplitter.Split(t).Select(s => t[s.Start..s.End])).ToList();
            var ceiling = new List<double>();
            for (var run = 0; run < settings.Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                foreach (var batch in sentences.Chunk(32))
                {
                    encoder.EncodeTokens(batch, layer, cancellationToken);
                }

                ceiling.Add(watch.Elapsed.TotalSeconds);
                settings.Log($"e2e ceiling: run {run + 1}/{settings.Runs}: {sentences.Count} sentences encoded in {watch.Elapsed.TotalSeconds:F1} s");
            }

            var docsPerSecond = section.Add("e2e ingestion", "documents/s", wall.Select(w => texts.Count / w));
            section.Add("e2e wall time", "s", wall);
            var ceilingRate = section.Add("ceiling: MiniLM encoder pass over the same sentences", "documents/s", ceiling.Select(c => texts.Count / c));
            section.Add("ceiling: MiniLM encoder pass", "sentences/s", ceiling.Select(c => sentences.Count / c));
            section.Metrics.Add(new Metric("peak RSS (process high-water mark)", "MB", Stat.Of([peakRss / 1e6])));
            var ratio = docsPerSecond.Value.Median / ceilingRate.Value.Median;
            section.Data["ratioToCeiling"] = ratio;
            section.Data["sentences"] = sentences.Count;
            section.Data["failedDocuments"] = failed;
            section.Data["entities"] = entities;
            section.Data["relations"] = relations;

            // Step shares: summed activity-body time per step (activities overlap, so shares are of the summed time).
            var names = stepTotals.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal).ToList();
            var shares = names.ToDictionary(n => n, n => Stat.Of(stepTotals.Select(s => s.GetValueOrDefault(n) / Math.Max(s.Values.Sum(), 1e-9))), StringComparer.Ordinal);
            section.Data["stepShares"] = shares.ToDictionary(s => s.Key, s => s.Value.Median, StringComparer.Ordinal);
            section.Data["stepSeconds"] = names.ToDictionary(n => n, n => Stat.Of(stepTotals.Select(s => s.GetValueOrDefault(n))).Median, StringComparer.Ordinal);

            var md = new StringBuilder();
            md.AppendLine(CultureInfo.InvariantCulture, $"""
                {texts.Count:N0} documents ({source}) ingested by `LocalPipelineRunner` (the code behind `graphfusion ingest`) on a fresh
                SQLite store with the trained extractor, {settings.Runs} run(s); the extractor model is loaded once before timing.
                Ceiling: the extractor's own MiniLM (all-MiniLM-L6-v2) encoder session, alone, over the same {sentences.Count:N0} sentences (`SentenceSplitter`), batches of 32,
                no extraction, linking, fusion or storage.

                | measure | value |
                |---|---:|
                | wall time (s) | {Stat.Of(wall).Format("F1")} |
                | documents/s | {docsPerSecond.Value.Format("F2")} |
                | ceiling, documents/s (encoder only) | {ceilingRate.Value.Format("F2")} |
                | ratio to ceiling | {ratio:P0} |
                | peak RSS (MB) | {peakRss / 1e6:F0} |
                | failed documents | {failed} |
                | graph | {entities:N0} entities, {relations:N0} relations |
                """);
            md.AppendLine();
            if (names.Count > 0)
            {
                md.AppendLine("Share of the summed activity time per step (activities run concurrently, so the sum exceeds the wall time):");
                md.AppendLine();
                md.AppendLine("| step | time (s, summed) | share |");
                md.AppendLine("|---|---:|---:|");
                foreach (var name in names.OrderByDescending(n => shares[n].Median))
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Stat.Of(stepTotals.Select(s => s.GetValueOrDefault(name))).Median:F2} | {shares[name].Format("P0")} |");
                }

                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"Across all steps, the extractor's own work is {Stat.Of(extractShare).Median:P0} and graph-store calls are {Stat.Of(storeShare).Median:P0} of the summed activity time (store time includes waiting for SQLite's single writer while up to 64 documents run at once).");
            }
            else
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Per-step times were not reported by the durable host; the extractor took {Stat.Of(extractShare).Median:P0} of the wall time.");
            }

            md.AppendLine();
            md.AppendLine("Slowest store operations (summed over the run):");
            md.AppendLine();
            md.AppendLine("| store operation | calls | time (s) |");
            md.AppendLine("|---|---:|---:|");
            foreach (var (operation, seconds, calls) in storeOps.Take(6))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {calls:N0} | {seconds:F2} |");
            }

            section.Markdown = md.ToString();
            section.Guards.Add(new Guard("e2e ingestion reaches at least 2% of the encoder ceiling", ratio >= 0.02, $"{ratio:P1}"));
            section.Guards.Add(new Guard("no document failed", failed == 0, $"{failed} failed"));
            section.Plots["e2e.svg"] = Svg.Bars(
                "Ingestion throughput vs the encoder ceiling",
                "documents/s (higher is better)",
                [("e2e ingestion", docsPerSecond.Value.Median, false), ("ceiling: encoder pass", ceilingRate.Value.Median, true)]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return section;
    }

    /// <summary>The Graphusion abstracts (one per line), or a small generated corpus when the datasets are absent.</summary>
    internal static (IReadOnlyList<string> Texts, string Source) LoadCorpus(BenchSettings settings)
    {
        var path = settings.Datasets is { } datasets ? Path.Combine(datasets, "graphusion", "abstracts.txt") : null;
        if (path is not null && File.Exists(path))
        {
            var lines = File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l));
            var texts = (settings.Quick ? lines.Take(50) : lines).ToList();
            return (texts, $"Graphusion abstracts{(settings.Quick ? ", first 50" : "")}");
        }

        return (Generated(settings.Quick ? 12 : 200), "generated corpus: the Graphusion abstracts were not found");
    }

    private static List<string> Generated(int count)
    {
        string[] methods = ["long short-term memory (LSTM)", "convolutional neural networks", "conditional random fields (CRF)", "graph neural networks", "the transformer", "support vector machines"];
        string[] tasks = ["machine translation", "named entity recognition", "dependency parsing", "question answering", "sentiment analysis", "text summarization"];
        string[] metrics = ["BLEU", "F1 score", "accuracy", "ROUGE"];
        var texts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (m, t, n) = (methods[i % methods.Length], tasks[(i / 2) % tasks.Length], metrics[i % metrics.Length]);
            texts.Add($"We study {t} with {m}. Our model, which is based on {m}, is used for {t} and evaluated with {n}. " +
                      $"Compared with {methods[(i + 1) % methods.Length]}, it improves {n} on {tasks[(i + 3) % tasks.Length]} as well. " +
                      $"{char.ToUpperInvariant(t[0])}{t[1..]} is a subtask of natural language processing, such as {tasks[(i + 1) % tasks.Length]}.");
        }

        return texts;
    }

    /// <summary>Measures the time spent inside the wrapped extractor.</summary>
    private sealed class TimingExtractor(ITripletExtractor inner) : ITripletExtractor
    {
        private long ticks;

        public string Name => inner.Name;

        public double Seconds => Interlocked.Read(ref ticks) / (double)Stopwatch.Frequency;

        public async Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ExtractAsync(chunks, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - start);
            }
        }
    }
}
