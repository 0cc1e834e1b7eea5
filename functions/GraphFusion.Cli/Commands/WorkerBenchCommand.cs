using System.CommandLine;
using GraphFusion.Cli.Benchmarks;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion bench worker</c>: embeddings and extraction throughput and latency of the worker, batching on and off.</summary>
internal static class WorkerBenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "32 sentences, 64 requests per level" };
        var sentences = new Option<int>("--sentences") { Description = "Distinct input sentences (default 128)", DefaultValueFactory = _ => 128 };
        var requests = new Option<int>("--requests") { Description = "Requests per load level (default 256)", DefaultValueFactory = _ => 256 };
        var documents = new Option<string>("--documents") { Description = "Folder of .txt files to take sentences from", DefaultValueFactory = _ => Path.Combine("samples", "documents") };
        var runs = new Option<int>("--runs") { Description = "Runs of the whole benchmark; medians with min/max are reported", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for bench-worker.json and bench-worker.md", DefaultValueFactory = _ => "bench-results" };
        var command = new Command("worker", "Benchmark the worker's /v1/embeddings and /v1/extract under 1, 8 and 64 clients, dynamic batching on and off")
        {
            quick, sentences, requests, documents, runs, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var runCount = RepeatedRuns.Count(parse.GetValue(runs));
            var inputs = WorkerBenchmark.LoadSentences(parse.GetValue(documents)!, isQuick ? 32 : parse.GetValue(sentences));
            var benchmark = new WorkerBenchmark(inputs, isQuick ? 64 : parse.GetValue(requests));
            var inProcessRuns = new List<InProcessReference>();
            var resultRuns = new List<WorkerMeasurement>();
            await AnsiConsole.Status().StartAsync("Starting", async context =>
            {
                for (var run = 1; run <= runCount; run++)
                {
                    var prefix = runCount == 1 ? "" : $"run {run} of {runCount}: ";
                    void Status(string s) => context.Status(Markup.Escape(prefix + s));
                    var inProcess = benchmark.MeasureInProcess(Status);
                    inProcessRuns.AddRange(inProcess);
                    var modelBatch = inProcess.Min(r => r.BestBatchSize);
                    resultRuns.AddRange(await benchmark.MeasureWorkerAsync(batching: true, modelBatch, Status, cancellationToken));
                    resultRuns.AddRange(await benchmark.MeasureWorkerAsync(batching: false, modelBatch, Status, cancellationToken));
                }
            });

            // GroupBy keeps the first run's order of endpoints and load levels.
            var inProcess = inProcessRuns.GroupBy(r => r.Endpoint).Select(g => InProcessReference.MedianOf([.. g])).ToArray();
            var results = resultRuns.GroupBy(r => (r.Endpoint, r.Batching, r.Clients)).Select(g => WorkerMeasurement.MedianOf([.. g])).ToArray();

            var report = new WorkerBenchReport(
                "graphfusion " + string.Join(' ', parse.Tokens.Select(t => t.Value)), WorkerBenchReport.DescribeMachine(), inputs.Count, inProcess, results);
            var (jsonPath, markdownPath) = report.Write(parse.GetValue(output)!);
            AnsiConsole.WriteLine(report.ToMarkdown());
            AnsiConsole.MarkupLineInterpolated($"Written {jsonPath} and {markdownPath}");
            return 0;
        });
        return command;
    }
}
