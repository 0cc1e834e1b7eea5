using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

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
        return (jsonPath, markdownPath);
    }

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
        new Commands.Bench.Stat(r.SentencesPerSecond, r.MinSentencesPerSecond, r.MaxSentencesPerSecond, r.Runs).Format("F1");
}
