using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Alignment;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Functions.Triggers;
using GraphFusion.Storage.Blobs;
using GraphFusion.Workflows.Alignment;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.Functions.Tests;

/// <summary>
/// Alignment jobs through the Functions app's path without the host: graph folders and a job file uploaded to
/// <c>alignments/</c> in Azurite, the trigger's body, the AlignGraphs orchestration, and results in <c>alignment-results/</c>.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class AlignmentBlobTests(EmulatorsFixture emulators) : IAsyncLifetime
{
    private static readonly string[] LeftEntities = ["0\thttp://fr.org/Londres", "1\thttp://fr.org/Paris", "2\thttp://fr.org/Royaume-Uni", "3\thttp://fr.org/France", "4\thttp://fr.org/Tamise"];
    private static readonly string[] LeftTriples = ["0\t0\t2", "1\t0\t3", "4\t1\t0"];
    private static readonly string[] RightEntities = ["10\thttp://en.org/London", "11\thttp://en.org/Paris", "12\thttp://en.org/United_Kingdom", "13\thttp://en.org/France", "14\thttp://en.org/Thames"];
    private static readonly string[] RightTriples = ["10\t0\t12", "11\t0\t13", "14\t1\t10"];

    private BlobServiceClient blobs = null!;
    private BlobContainerClient alignments = null!;
    private LocalDurableHost host = null!;

    public async Task InitializeAsync()
    {
        blobs = new BlobServiceClient(emulators.Azurite.ConnectionString);
        alignments = blobs.GetBlobContainerClient(OnAlignmentRequested.Container);
        await alignments.CreateIfNotExistsAsync();
        var activities = new AlignmentActivities(new AlignGraphsStep(new BlobReferenceSource(blobs), new BlobAlignmentOutput(blobs)));
        host = await LocalDurableHost.StartAsync(registry => registry.AddGraphFusionAlignment(() => activities), 4, CancellationToken.None);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_uploaded_job_aligns_the_graphs_beside_it_and_writes_results_once()
    {
        var folder = Guid.NewGuid().ToString("N");
        await UploadAsync($"{folder}/left/ent_ids", LeftEntities);
        await UploadAsync($"{folder}/left/triples", LeftTriples);
        await UploadAsync($"{folder}/right/ent_ids", RightEntities);
        await UploadAsync($"{folder}/right/triples", RightTriples);
        await UploadAsync($"{folder}/seeds.tsv", ["1\t11", "3\t13"]);
        var job = Encoding.UTF8.GetBytes($$"""{ "left": "alignments/{{folder}}/left/", "right": "alignments/{{folder}}/right/", "seeds": "alignments/{{folder}}/seeds.tsv" }""");
        await alignments.UploadBlobAsync($"{folder}.json", new BinaryData(job));

        await new OnAlignmentRequested(NullLogger<OnAlignmentRequested>.Instance).Run(job, folder, host.Client, CancellationToken.None);
        var request = AlignmentStarter.RequestFor($"alignments/{folder}.json", job);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(AlignGraphsOrchestration.InstanceId(request), getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<AlignGraphsOutcome>()!;
        Assert.True(outcome.Status == AlignmentOutcomes.Aligned, outcome.Error);
        Assert.Equal(($"alignment-results/{folder}/pairs.tsv", $"alignment-results/{folder}/report.json"), (outcome.Pairs, outcome.Report));

        var results = blobs.GetBlobContainerClient(BlobAlignmentOutput.ContainerName);
        var pairs = (await results.GetBlobClient($"{folder}/pairs.tsv").DownloadContentAsync()).Value.Content.ToString();
        var left = AlignmentDatasetLoader.LoadGraph("left", [File("ent_ids", LeftEntities), File("triples", LeftTriples)], 1);
        var right = AlignmentDatasetLoader.LoadGraph("right", [File("ent_ids", RightEntities), File("triples", RightTriples)], 2);
        Assert.Equal(AlignmentPairsText.Format(left, right, new GraphAligner(left, right).Align([new EntityLink(1, 11), new EntityLink(3, 13)])), pairs);
        Assert.Contains("0\t10\t", pairs, StringComparison.Ordinal);
        Assert.Contains("4\t14\t", pairs, StringComparison.Ordinal);
        using var report = JsonDocument.Parse((await results.GetBlobClient($"{folder}/report.json").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(("Aligned", 5), (report.RootElement.GetProperty("status").GetString(), report.RootElement.GetProperty("pairsWritten").GetInt32()));

        // The same upload event delivered again starts nothing.
        var (_, started) = await AlignmentStarter.StartAsync(host.Client, request, CancellationToken.None);
        Assert.False(started);
    }

    private Task UploadAsync(string name, string[] lines) => alignments.UploadBlobAsync(name, new BinaryData(string.Join('\n', lines) + "\n"));

    private static ReferenceFile File(string name, string[] lines) => new(name, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), DateTimeOffset.UnixEpoch);
}
