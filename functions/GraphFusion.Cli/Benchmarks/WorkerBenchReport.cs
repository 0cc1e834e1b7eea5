using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GraphFusion.Cli.Commands.Bench;

namespace GraphFusion.Cli.Benchmarks;

/// <summary><c>graphfusion bench worker</c> results as JSON and as a markdown table.</summary>
internal sealed record WorkerBenchReport(
    string Command, string Machine, int Sentences, IReadOnlyList<InProcessReference> InProcess, IReadOnlyList<WorkerMeasurement> Results)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string DescribeMachine() =>
        $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}, ONNX Runtime {GraphFusion.Inference.MiniLmEncoder.OnnxRuntimeFlavor} build, CPU execution provider";

    public (string JsonPath, string MarkdownPath) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var jsonPath = Path.Combine(folder, "bench-worker.json");
        var markdownPath = Path.Combine(folder, "bench-worker.md");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(this, Json));
        File.WriteAllText(markdownPath, ToMarkdown());
        foreach (var (file, svg) in Plots())
        {
            File.WriteAllText(Path.Combine(folder, file), svg);
        }

        return (jsonPath, markdownPath);
    }

    /// <summary>Throughput of every configuration beside its endpoint's in-process ceiling, and p95 latency against clients (log-log).</summary>
    public IReadOnlyDictionary<string, string> Plots()
    {
        var bars = new List<(string Label, double Value, bool Highlight)>();
        foreach (var endpoint in Results.GroupBy(r => r.Endpoint))
        {
            if (InProcess.FirstOrDefault(i => i.Endpoint == endpoint.Key) is { } ceiling)
            {
                bars.Add(($"{endpoint.Key}, in-process ceiling", ceiling.CeilingSentencesPerSecond, true));
            }

            bars.AddRange(endpoint.Select(r => (Label(r), r.SentencesPerSecond, false)));
        }

        IReadOnlyList<(string, IReadOnlyList<(double, double)>)> latency =
        [
            .. Results.GroupBy(r => (r.Endpoint, r.Batching)).Select(g =>
                ($"{g.Key.Endpoint}, batching {(g.Key.Batching ? "on" : "off")}", (IReadOnlyList<(double, double)>)[.. g.Select(r => ((double)r.Clients, r.P95Ms))])),
        ];
        return new Dictionary<string, string>
        {
            ["worker-throughput.svg"] = Svg.Bars("Worker throughput over HTTP against the in-process ceiling", "sentences/s", bars),
            ["worker-latency.svg"] = Svg.LogLog("Worker p95 latency against concurrent clients", "clients", "p95 latency (ms)", latency),
        };
    }

    private static string Label(WorkerMeasurement r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Endpoint}, batching {(r.Batching ? "on" : "off")}, {r.Clients} client{(r.Clients == 1 ? "" : "s")}");

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{Command}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}. {Sentences} distinct sentences, one sentence per request.");
        foreach (var r in InProcess)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"In-process {r.Endpoint}: ceiling {r.CeilingSentencesPerSecond:F1} sentences/s (raw loop, best batch size {r.BestBatchSize}, ONNX Runtime threads spinning {(r.Spinning ? "on" : "off")}).");
        }

        if (Results.FirstOrDefault() is { Runs: > 1 } repeated)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Medians of {repeated.Runs} runs, figure by figure; throughput with (min–max).");
        }

        text.AppendLine("At 1 client each request alternates with a direct call of the worker's own model on the same input (same ONNX Runtime session).");
        text.AppendLine();
        text.AppendLine("| endpoint | dynamic batching | clients | requests | sentences/s | % of ceiling | p50 (ms) | p95 (ms) | direct p50 / p95 (ms) | p95 / direct p95 |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Results)
        {
            var ceiling = InProcess.FirstOrDefault(i => i.Endpoint == r.Endpoint)?.CeilingSentencesPerSecond ?? 0;
            var direct = r.DirectP95Ms is { } d95 ? string.Create(CultureInfo.InvariantCulture, $"{r.DirectP50Ms:F1} / {d95:F1}") : "";
            var ratio = r.DirectP95Ms is { } p95 ? string.Create(CultureInfo.InvariantCulture, $"{r.P95Ms / Math.Max(p95, 1e-9):F2}x") : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Endpoint} | {(r.Batching ? "on (max 32, 5 ms)" : "off (max 1)")} | {r.Clients} | {r.Requests} | {Throughput(r)} | {100 * r.SentencesPerSecond / Math.Max(ceiling, 1e-9):F0}% | {r.P50Ms:F1} | {r.P95Ms:F1} | {direct} | {ratio} |");
        }

        return text.ToString();
    }

    private static string Throughput(WorkerMeasurement r) =>
        new Stat(r.SentencesPerSecond, r.MinSentencesPerSecond, r.MaxSentencesPerSecond, r.Runs).Format("F1");
}
