using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Fusion.Proposals;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Files;
using GraphFusion.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Cli;

/// <summary>Progress of a local run: documents finished so far, and the outcome of the last one.</summary>
public sealed record RunProgress(int Done, int Total, IngestOutcome? Last);

/// <summary>
/// Runs the pipeline's orchestrations in-process over local files, as the Functions app runs them over blobs. References
/// (glossaries, reference graphs) are indexed into the store as the app indexes uploads to <c>references/</c>; linking
/// uses every reference the store holds, and the re-fusion pass removes those whose files are gone. With a judge, the
/// re-fusion pass settles close relation conflicts; <paramref name="linkPrediction"/> null runs its link prediction with
/// its defaults. With an <paramref name="embedder"/>, references are indexed with embeddings and linking also retrieves
/// embedding candidates.
/// </summary>
public sealed class LocalPipelineRunner(
    IGraphStore store, ITripletExtractor extractor, int concurrency = 64, IRelationAdjudicator? judge = null, LinkPredictionOptions? linkPrediction = null,
    ITextEmbedder? embedder = null, IRelationProposer? proposer = null)
{
    private ReferenceActivities References => PipelineFactory.CreateReferenceActivities(store, new FileReferenceSource(), embedder: embedder);

    /// <summary>Indexes reference files or folders (each a reference of its own) through the <c>IndexReference</c> orchestration.</summary>
    public async Task<IReadOnlyList<IndexReferenceOutcome>> IndexReferencesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            return [];
        }

        await using var host = await LocalDurableHost.StartAsync(CreateActivities(), concurrency, cancellationToken, References);
        var outcomes = new List<IndexReferenceOutcome>();
        foreach (var path in paths)
        {
            var request = new IndexReferenceRequest(ReferenceNames.ForPath(path));
            var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(
                ActivityNames.IndexReference, request, new StartOrchestrationOptions(IndexReferenceOrchestration.InstanceId(request) + "-" + Guid.NewGuid().ToString("N")), cancellationToken);
            outcomes.Add(ReadOutput<IndexReferenceOutcome>(await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cancellationToken)));
        }

        return outcomes;
    }

    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<string> files, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var activities = CreateActivities();
        await using var host = await LocalDurableHost.StartAsync(activities, concurrency, cancellationToken, References);
        var outcomes = new List<IngestOutcome>();
        var done = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = files.Select(async file =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var outcome = await IngestOneAsync(host.Client, file, cancellationToken);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                    progress?.Report(new RunProgress(++done, files.Count, outcome));
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        await RefuseAsync(host.Client, cancellationToken);
        return outcomes.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Ingests on a host that outlives the call (<c>graphfusion serve</c>), then runs a re-fusion pass.</summary>
    public static async Task<IReadOnlyList<IngestOutcome>> IngestOnAsync(LocalDurableHost host, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var outcomes = new List<IngestOutcome>();
        foreach (var file in files)
        {
            outcomes.Add(await IngestOneAsync(host.Client, file, cancellationToken));
        }

        await RefuseAsync(host.Client, cancellationToken);
        return outcomes;
    }

    public async Task<FusionReport> RemoveAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        var activities = CreateActivities();
        await using var host = await LocalDurableHost.StartAsync(activities, concurrency, cancellationToken, References);
        var report = FusionReport.Empty;
        foreach (var id in documentIds)
        {
            var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(
                ActivityNames.RemoveDocument, id, new StartOrchestrationOptions(RemoveDocumentOrchestration.InstanceId(id) + "-" + Guid.NewGuid().ToString("N")), cancellationToken);
            report = report.Add(ReadOutput<FusionReport>(await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cancellationToken)));
        }

        return report.Add(await RefuseAsync(host.Client, cancellationToken));
    }

    public async Task<FusionReport> RefuseAsync(CancellationToken cancellationToken)
    {
        var activities = CreateActivities();
        await using var host = await LocalDurableHost.StartAsync(activities, concurrency, cancellationToken, References);
        return await RefuseAsync(host.Client, cancellationToken);
    }

    private PipelineActivities CreateActivities() =>
        PipelineFactory.CreateActivities(store, new FileDocumentSource(), extractor, judge: judge, linkPrediction: linkPrediction, embedder: embedder, proposer: proposer);

    private static async Task<FusionReport> RefuseAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.RefuseGraph, RefuseGraphOrchestration.MaxPasses, cancellationToken);
        return ReadOutput<FusionReport>(await client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cancellationToken));
    }

    private static async Task<IngestOutcome> IngestOneAsync(DurableTaskClient client, string file, CancellationToken cancellationToken)
    {
        string hash;
        try
        {
            await using var stream = File.OpenRead(file);
            hash = StableId.ContentHash(stream);
        }
        catch (IOException ex)
        {
            return new IngestOutcome(DocumentIds.For(file), file, "Failed", $"{file}: cannot be read ({ex.Message})", 0, 0, 0, 0);
        }

        var request = new IngestRequest(file, hash);
        var instance = await client.ScheduleNewOrchestrationInstanceAsync(
            ActivityNames.IngestDocument, request, new StartOrchestrationOptions(IngestDocumentOrchestration.InstanceId(request)), cancellationToken);
        var metadata = await client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cancellationToken);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            return new IngestOutcome(request.DocumentId, file, "Failed", $"{file}: {metadata.FailureDetails?.ErrorMessage ?? metadata.RuntimeStatus.ToString()}", 0, 0, 0, 0);
        }

        return ReadOutput<IngestOutcome>(metadata);
    }

    private static T ReadOutput<T>(OrchestrationMetadata metadata) =>
        metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? metadata.ReadOutputAs<T>() ?? throw new InvalidOperationException($"Orchestration {metadata.InstanceId} returned no output.")
            : throw new InvalidOperationException($"Orchestration {metadata.InstanceId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
}
