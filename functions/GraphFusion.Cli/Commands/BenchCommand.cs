using System.CommandLine;
using System.Globalization;
using GraphFusion.Cli.Benchmarks;
using GraphFusion.Merging.SafeTensors;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion bench merge</c>: merge throughput and peak memory on synthetic models, next to the machine's read and memory bandwidth.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string?>("--sizes") { Description = "Size of each model in GB, comma-separated (default 0.5,2,8)" };
        var quick = new Option<bool>("--quick") { Description = "Small sizes (0.05,0.2), under a minute" };
        var output = new Option<string>("--out") { Description = "Folder for bench-merge.json and bench-merge.md", DefaultValueFactory = _ => "bench-results" };
        var work = new Option<string?>("--work") { Description = "Folder for the synthetic models (default: a new temp folder)" };
        var dtype = new Option<string>("--dtype") { Description = "Element type of the synthetic models: bf16 or f16", DefaultValueFactory = _ => "bf16" };
        var warm = new Option<bool>("--warm") { Description = "Keep inputs in the page cache (default: drop them before each merge)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the synthetic models afterwards" };
        var runs = new Option<int>("--runs") { Description = "Merges per size and method; medians with min/max are reported", DefaultValueFactory = _ => 1 };
        var accelerator = AcceleratorOption.Create();
        var merge = new Command("merge", "Benchmark linear, TIES and DARE merges of four synthetic models per size")
        {
            sizes, quick, runs, output, work, dtype, warm, keep, accelerator,
        };
        merge.SetAction(async (parse, cancellationToken) =>
        {
            var runCount = RepeatedRuns.Count(parse.GetValue(runs));
            var list = parse.GetValue(quick) ? [0.05, 0.2] : ParseSizes(parse.GetValue(sizes) ?? "0.5,2,8");
            if (!SafeTensorsDTypes.TryParse(parse.GetValue(dtype), out var type) || type is not (SafeTensorsDType.BF16 or SafeTensorsDType.F16))
            {
                throw new ArgumentException("--dtype must be bf16 or f16");
            }

            var folder = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), $"graphfusion-bench-{Guid.NewGuid():N}");
            DiskSpace.EnsureFree(folder, DiskSpace.RequiredBytes(list, MergeBenchmark.FineTunes + 1));
            var cold = !parse.GetValue(warm) && PageCache.IsSupported;
            using var kernel = new KernelLease(AcceleratorOption.CreateKernel(parse.GetValue(accelerator)));
            AcceleratorOption.Print(kernel.Kernel);
            var benchmark = new MergeBenchmark(folder, type, warm: !cold, kernel.Kernel);
            var results = new List<MergeMeasurement>();
            try
            {
                await AnsiConsole.Status().StartAsync("Starting", async context =>
                {
                    foreach (var size in list)
                    {
                        results.AddRange(await benchmark.RunSizeAsync(size, runCount, s => context.Status(Markup.Escape(s)), cancellationToken));
                    }

                    context.Status("Measuring sequential read and memory bandwidth");
                });

                var read = benchmark.LargestInput() is { } largest ? Bandwidth.SequentialRead(largest) / 1e9 : 0;
                var copy = Bandwidth.MemoryCopy(Environment.ProcessorCount) / 1e9;
                var copyOne = Bandwidth.MemoryCopy(1) / 1e9;
                var report = new BenchReport(
                    "graphfusion " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                    BenchReport.Describe(read, copy, copyOne, SafeTensorsDTypes.ToName(type), cold) with { Accelerator = AcceleratorOption.Describe(kernel.Kernel) },
                    results);
                var (jsonPath, markdownPath) = report.Write(parse.GetValue(output)!);
                AnsiConsole.WriteLine(report.ToMarkdown());
                AnsiConsole.MarkupLineInterpolated($"Written {jsonPath} and {markdownPath}");
            }
            finally
            {
                if (!parse.GetValue(keep) && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
                else if (Directory.Exists(folder))
                {
                    AnsiConsole.MarkupLineInterpolated($"Synthetic models kept in {folder}");
                }
            }

            return 0;
        });
        var bench = new Command("bench", "Benchmarks") { merge, WorkerBenchCommand.Create() };
        foreach (var command in Bench.BenchSuite.Commands())
        {
            bench.Subcommands.Add(command);
        }

        return bench;
    }

    private static double[] ParseSizes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ArgumentException($"--sizes: '{s}' is not a positive number of GB"))
            .ToArray();
}
