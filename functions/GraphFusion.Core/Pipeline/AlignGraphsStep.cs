using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GraphFusion.Core.Alignment;
using GraphFusion.Core.Alignment.Jobs;
using GraphFusion.Core.Graph;
using GraphFusion.Core.References;

namespace GraphFusion.Core.Pipeline;

/// <summary>
/// Runs one alignment job: reads the job file and the graphs and seeds it names, aligns them (<see cref="GraphAligner"/>,
/// then the <paramref name="refiner"/>'s vote when the job asks for LLM rounds), and writes <c>pairs.tsv</c> and
/// <c>report.json</c>. A bad job or graph file fails the job with the file and line, and the report says so. Safe to
/// repeat: the same files give the same pairs (a chat model's answers come from its cache).
/// </summary>
public sealed class AlignGraphsStep(IReferenceSource files, IAlignmentOutput output, IAlignmentRefiner? refiner = null)
{
    public const string PairsFile = "pairs.tsv";
    public const string ReportFile = "report.json";

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<AlignGraphsOutcome> RunAsync(AlignGraphsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var jobFiles = await files.ReadAsync(request.Job, cancellationToken);
        if (jobFiles.Count == 0)
        {
            return new AlignGraphsOutcome(request.Job, AlignmentOutcomes.Missing, Error: $"{request.Job}: no longer exists");
        }

        var content = jobFiles[0].Content;
        if (request.ContentHash is { } hash && StableId.ContentHash(content) != hash)
        {
            return new AlignGraphsOutcome(request.Job, AlignmentOutcomes.Superseded);
        }

        var stopwatch = Stopwatch.StartNew();
        AlignGraphsOutcome outcome;
        try
        {
            outcome = await AlignAsync(request.Job, AlignmentJobReader.Read(request.Job, content), cancellationToken);
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException or InvalidDataException)
        {
            outcome = new AlignGraphsOutcome(request.Job, AlignmentOutcomes.Failed, Error: ex.Message);
        }

        outcome = outcome with { Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 2), Report = output.Locate(request.Job, ReportFile) };
        await output.WriteAsync(request.Job, ReportFile, JsonSerializer.SerializeToUtf8Bytes(outcome, ReportJson), cancellationToken);
        return outcome;
    }

    private async Task<AlignGraphsOutcome> AlignAsync(string name, AlignmentJob job, CancellationToken cancellationToken)
    {
        if (job.LlmRounds > 0 && refiner is null)
        {
            throw new FormatException($"{name}: llmRounds is {job.LlmRounds}, but no chat model is configured (Llm__Provider, Llm__Endpoint, Llm__Model)");
        }

        var left = AlignmentDatasetLoader.LoadGraph(job.Left, await ReadAsync(job.Left, cancellationToken), 1);
        var right = AlignmentDatasetLoader.LoadGraph(job.Right, await ReadAsync(job.Right, cancellationToken), 2);
        var seedFile = (await ReadAsync(job.Seeds, cancellationToken))[0];
        var seeds = AlignmentDatasetLoader.ReadLinks(job.Seeds, AlignmentDatasetLoader.Lines(seedFile.Content));
        var known = seeds.Count(s => left.TryGetIndex(s.LeftId, out _) && right.TryGetIndex(s.RightId, out _));
        if (known == 0)
        {
            throw new FormatException($"{job.Seeds}: none of its {seeds.Count} pairs names an entity of both graphs");
        }

        var aligner = new GraphAligner(left, right, job.Options);
        var pairs = aligner.Align(seeds, cancellationToken);
        var refinement = job.LlmRounds > 0
            ? await refiner!.RefineAsync(aligner, left, right, seeds, pairs, job.LlmRounds, cancellationToken)
            : new AlignmentRefinement(pairs, 0, 0);
        await output.WriteAsync(name, PairsFile, Encoding.UTF8.GetBytes(AlignmentPairsText.Format(left, right, refinement.Pairs)), cancellationToken);
        return new AlignGraphsOutcome(
            name, AlignmentOutcomes.Aligned, left.Count, right.Count, known, refinement.Pairs.Count, job.LlmRounds, refinement.Decided, refinement.Changed,
            Pairs: output.Locate(name, PairsFile));
    }

    private async Task<IReadOnlyList<ReferenceFile>> ReadAsync(string path, CancellationToken cancellationToken) =>
        await files.ReadAsync(path, cancellationToken) is { Count: > 0 } found
            ? found
            : throw new FileNotFoundException($"{path}: not found{(path.EndsWith('/') ? " (or empty)" : "")}", path);
}
