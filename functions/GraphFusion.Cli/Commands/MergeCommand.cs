using System.CommandLine;
using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Recipes;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion merge RECIPE.yaml --out DIR [--validate-only] [--accelerator auto|cpu|cuda|ilgpu-cpu]</c>: validates a merge recipe, then merges with a progress bar.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "Merge recipe (YAML); relative model paths resolve against its folder" };
        var output = new Option<string?>("--out") { Description = "Output folder (required unless --validate-only)" };
        var validateOnly = new Option<bool>("--validate-only") { Description = "Check the recipe completely (methods, parameters, files, tensor shapes) and stop" };
        var accelerator = AcceleratorOption.Create();
        var command = new Command("merge", "Merge models (safetensors checkpoints or LoRA adapters) as a recipe describes, streaming tensor by tensor")
        {
            recipe, output, validateOnly, accelerator,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            MergeRecipe loaded;
            try
            {
                loaded = MergeRecipe.Load(parse.GetValue(recipe)!);
            }
            catch (RecipeValidationException ex)
            {
                return PrintProblems(ex.Problems);
            }

            var report = RecipeValidator.Validate(loaded);
            if (!report.IsValid)
            {
                return PrintProblems(report.Problems);
            }

            AnsiConsole.MarkupLineInterpolated(
                $"[green]Recipe is valid[/]: {loaded.MergeMethod}, {report.OutputKind} output, {report.TensorsToMerge} tensors to merge, {report.TensorsToCopy} to copy, {report.TensorsSkipped} skipped");
            if (parse.GetValue(validateOnly))
            {
                return 0;
            }

            var outDir = parse.GetValue(output) ?? throw new ArgumentException("--out is required (or use --validate-only)");
            using var kernel = new KernelLease(AcceleratorOption.CreateKernel(parse.GetValue(accelerator)));
            AcceleratorOption.Print(kernel.Kernel);
            var result = await RunWithProgressAsync(loaded, Path.GetFullPath(outDir), MergeEngineOptions.Default with { Kernel = kernel.Kernel }, cancellationToken);
            PrintResult(result);
            return 0;
        });
        return command;
    }

    private static async Task<MergeResult> RunWithProgressAsync(MergeRecipe recipe, string outDir, MergeEngineOptions options, CancellationToken cancellationToken)
    {
        MergeResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Merging ({recipe.MergeMethod})", maxValue: 1);
                var progress = new ProgressReport<MergeProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TensorsTotal);
                    task.Value = p.TensorsDone;
                    task.Description = $"Merging ({recipe.MergeMethod}) {p.BytesRead / 1e9:F2} GB read";
                });
                result = await MergeEngine.RunAsync(recipe, outDir, options, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void PrintResult(MergeResult result)
    {
        var summary = new Table().AddColumns("Method", "Output", "Tensors written", "Skipped", "Read", "Elapsed", "Read throughput", "Reconstruction error");
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-9);
        summary.AddRow(
            result.Method, result.OutputKind.ToString(), result.TensorsWritten.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.TensorsSkipped.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{result.BytesRead / 1e9:F2} GB", $"{result.Elapsed.TotalSeconds:F1} s",
            $"{result.BytesRead / 1e9 / seconds:F2} GB/s",
            result.ReconstructionError is { } e ? $"{e:G4} (max module {result.MaxModuleReconstructionError:G4})" : "-");
        AnsiConsole.Write(summary);

        var files = new Table().AddColumns("File", "Size", "SHA-256");
        foreach (var file in result.Files)
        {
            files.AddRow(Markup.Escape(Path.GetRelativePath(result.OutputDirectory, file.Path)), $"{file.SizeBytes / 1e6:F1} MB", file.Sha256);
        }

        AnsiConsole.Write(files);
        AnsiConsole.MarkupLineInterpolated($"Written to {result.OutputDirectory}");
    }

    private static int PrintProblems(IReadOnlyList<string> problems)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]The recipe has {problems.Count} problem(s):[/]");
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLineInterpolated($"  - {problem}");
        }

        return 1;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread.</summary>
internal sealed class ProgressReport<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
