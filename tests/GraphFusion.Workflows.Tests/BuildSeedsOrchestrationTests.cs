using System.Text.Json;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Seeds;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workflows.Seeds;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Workflows.Tests;

public sealed class BuildSeedsOrchestrationTests : IDisposable
{
    private static readonly string[] Translation =
    [
        "Machine translation systems translate text between languages. We study machine translation with parallel corpora.",
        "Neural machine translation needs parallel corpora; machine translation models learn from parallel corpora.",
        "We evaluate machine translation quality. Machine translation improves with parallel corpora and bilingual lexicons.",
        "Machine translation of low resource languages uses parallel corpora and bilingual lexicons for machine translation.",
    ];

    private static readonly string[] Speech =
    [
        "Speech recognition turns audio signals into transcripts. Speech recognition errors grow with noisy audio signals.",
        "We improve speech recognition on noisy audio signals; speech recognition accuracy rises with acoustic models.",
        "Robust speech recognition handles accented audio signals. Speech recognition benefits from acoustic models.",
        "Acoustic models for speech recognition read audio signals; speech recognition transcripts feed acoustic models.",
    ];

    private static readonly string[] Graphs =
    [
        "A knowledge graph stores entity relations. Knowledge graph completion predicts missing entity relations.",
        "We embed the knowledge graph to infer entity relations; knowledge graph embeddings score entity relations.",
        "Knowledge graph construction extracts entity relations from text. The knowledge graph grows with link prediction.",
        "Link prediction completes a knowledge graph; knowledge graph link prediction ranks entity relations.",
    ];

    private static readonly SeedModelOptions Options = new() { DistanceThreshold = 0.75, MinDocumentFrequency = 2 };

    private readonly string root = Path.Combine(Path.GetTempPath(), $"gf-seeds-{Guid.NewGuid():N}");
    private readonly SqliteGraphStore store;

    public BuildSeedsOrchestrationTests()
    {
        Directory.CreateDirectory(root);
        store = new SqliteGraphStore(Path.Combine(root, "graph.db"));
    }

    [Fact]
    public async Task The_orchestration_produces_the_seeds_of_the_library_call_and_stores_the_model()
    {
        string[] corpus = [.. Translation[..3], .. Speech[..3], .. Graphs[..3]];
        UserConcept[] user = [new("Word alignment", "aligning words across a sentence pair")];
        var embedder = new WordHashEmbedder();

        var summary = await RunAsync(new BuildSeedsRequest("acl", corpus, user, Top: 20, Options), embedder);

        var library = new WordHashEmbedder();
        var model = await SeedModelBuilder.BuildAsync(corpus, library, Options);
        var expected = await SeedSelection.SelectAsync(model, library, user, 20);
        Assert.Equal(3, model.Clusters.Count);
        Assert.False(summary.Incremental);
        Assert.Equal(Json(expected), Json(summary.Seeds));
        Assert.Equal("Word alignment", summary.Seeds[0].Name);
        Assert.Contains(summary.Seeds, s => s.Key == "machine translation");
        var stored = await store.GetSeedModelAsync("acl", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Json(model), Json(stored.Model));
        Assert.Equal(Json(expected), Json(stored.Seeds));
    }

    [Fact]
    public async Task Adding_a_few_documents_recomputes_only_the_clusters_they_join()
    {
        string[] first = [.. Translation, .. Speech, .. Graphs];
        var embedder = new WordHashEmbedder();
        var before = await RunAsync(new BuildSeedsRequest("acl", first, [], Top: 30, Options), embedder);
        var beforeModel = (await store.GetSeedModelAsync("acl", CancellationToken.None))!.Model;
        var embeddedBefore = embedder.Embedded.Count;
        var added = "Speech recognition of children uses acoustic models trained on audio signals of speech recognition corpora.";

        var after = await RunAsync(new BuildSeedsRequest("acl", [.. first, added], [], Top: 30, Options), embedder);

        var speechCluster = beforeModel.Documents[Translation.Length].Cluster;
        Assert.True(after.Incremental);
        Assert.Equal([speechCluster], after.RecomputedClusters);
        Assert.Equal(first.Length + 1, after.Documents);
        Assert.Equal(before.Clusters, after.Clusters);
        var afterModel = (await store.GetSeedModelAsync("acl", CancellationToken.None))!.Model;
        foreach (var cluster in afterModel.Clusters.Where(c => c.Id != speechCluster))
        {
            Assert.Equal(Json(beforeModel.Clusters[cluster.Id]), Json(cluster));
        }

        Assert.Contains(first.Length, afterModel.Clusters[speechCluster].Documents);
        var library = SeedModelBuilder.Update(beforeModel, [added], await new WordHashEmbedder().EmbedAsync([added], CancellationToken.None));
        Assert.Equal(Json(library), Json(afterModel));

        var embeddedByUpdate = embedder.Embedded.Skip(embeddedBefore).ToArray();
        Assert.Contains(added, embeddedByUpdate);
        Assert.DoesNotContain(embeddedByUpdate, first.Contains);
    }

    [Fact]
    public async Task Many_new_documents_or_changed_ones_rebuild_the_model()
    {
        var embedder = new WordHashEmbedder();
        await RunAsync(new BuildSeedsRequest("acl", [.. Translation[..2], .. Speech[..2]], [], Top: 10, Options), embedder);

        var grown = await RunAsync(new BuildSeedsRequest("acl", [.. Translation[..2], .. Speech[..2], .. Graphs], [], Top: 10, Options), embedder);
        var edited = await RunAsync(new BuildSeedsRequest("acl", [Translation[3], .. Translation[1..2], .. Speech[..2], .. Graphs], [], Top: 10, Options), embedder);

        Assert.False(grown.Incremental);
        Assert.False(edited.Incremental);
        Assert.Equal(8, edited.Documents);
        Assert.Equal(edited.Clusters, edited.RecomputedClusters.Count);
    }

    private async Task<SeedModelSummary> RunAsync(BuildSeedsRequest request, WordHashEmbedder embedder)
    {
        await using var host = await LocalDurableHost.StartAsync(
            registry => registry.AddGraphFusionSeeds(() => new SeedActivities(store, embedder)), 16, CancellationToken.None);
        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(SeedActivityNames.BuildSeeds, request);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, metadata.FailureDetails?.ToString());
        return metadata.ReadOutputAs<SeedModelSummary>()!;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
