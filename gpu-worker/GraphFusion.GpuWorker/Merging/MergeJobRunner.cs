using GraphFusion.Merging.Execution;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>Runs one job: the merge (progress reported into the job), then the input hashes; a failed job leaves no partial output.</summary>
internal sealed class MergeJobRunner(IOptions<MergeJobOptions> options, TimeProvider clock, ILogger<MergeJobRunner> logger, MergeKernelHost? kernels = null)
{
    private readonly MergeKernelHost _kernels = kernels ?? new MergeKernelHost(options);

    public async Task RunAsync(MergeJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var policy = new ModelPathPolicy(settings.ResolvedModelsRoot);
        job.Start(clock.GetUtcNow());
        logger.LogInformation("Merge job {JobId} started: {Method} into {Output}", job.Id, job.Recipe.MergeMethod, job.OutputDirectory);
        try
        {
            var progress = new InlineProgress<MergeProgress>(job.Report);
            var kernel = _kernels.Kernel;
            var engineOptions = MergeEngineOptions.Default with { Kernel = kernel };
            var result = await Task.Run(() => MergeEngine.RunAsync(job.Recipe, job.OutputDirectory, engineOptions, progress, cancellationToken), cancellationToken);
            job.BeginHashing();
            var inputs = settings.HashInputs ? await InputHasher.HashAsync(job.Recipe, policy, cancellationToken) : [];
            job.Succeed(Describe(result, settings, kernel.Name), inputs, clock.GetUtcNow());
            logger.LogInformation("Merge job {JobId} succeeded in {Seconds:F1}s ({Bytes} bytes read)", job.Id, result.Elapsed.TotalSeconds, result.BytesRead);
        }
        catch (Exception ex)
        {
            var message = ex is OperationCanceledException && cancellationToken.IsCancellationRequested
                ? "canceled: the worker is shutting down"
                : ex.Message;
            job.Fail(message, clock.GetUtcNow());
            logger.LogWarning(ex, "Merge job {JobId} failed", job.Id);
            RemovePartialOutput(job.OutputDirectory);
        }
    }

    private static MergeResultView Describe(MergeResult result, MergeJobOptions settings, string accelerator)
    {
        var folder = result.OutputDirectory;
        var display = IsUnder(folder, settings.ResolvedModelsRoot)
            ? Path.GetRelativePath(settings.ResolvedModelsRoot, folder)
            : Path.GetRelativePath(settings.ResolvedOutputRoot, folder);
        return new MergeResultView(
            display.Replace('\\', '/'), result.OutputKind.ToString(), result.Method, result.Elapsed.TotalSeconds, result.TensorsWritten, result.TensorsSkipped,
            result.BytesRead, result.ReconstructionError, result.MaxModuleReconstructionError,
            result.Files.Select(f => new MergeFileView(Path.GetRelativePath(folder, f.Path).Replace('\\', '/'), f.SizeBytes, f.Sha256)).ToList(),
            accelerator);
    }

    private static bool IsUnder(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private void RemovePartialOutput(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the partial output {Directory}", directory);
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that applies reports on the reporting thread (no queued callbacks to outlive the job).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
