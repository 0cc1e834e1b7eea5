using System.Text;
using Azure.Storage.Blobs;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Seeds;
using GraphFusion.Functions.Triggers;
using GraphFusion.Inference;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workflows.Seeds;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.Functions.Tests;

/// <summary>
/// Seed models through the Functions app's path without the host: a concept list and a corpus uploaded to <c>seeds/</c>
/// in Azurite, the trigger's body, the BuildSeeds orchestration with the MiniLM encoder, and the model in the store.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class SeedBlobTests(EmulatorsFixture emulators) : IAsyncLifetime
{
    private static readonly string[] Corpus =
    [
        "Neural machine translation needs parallel corpora; machine translation models learn from parallel corpora.",
        "We evaluate machine translation quality. Machine translation improves with parallel corpora and bilingual lexicons.",
        "Machine translation of low resource languages uses parallel corpora and bilingual lexicons for machine translation.",
        "Speech recognition turns audio signals into transcripts. Speech recognition errors grow with noisy audio signals.",
        "We improve speech recognition on noisy audio signals; speech recognition accuracy rises with acoustic models.",
        "Robust speech recognition handles accented audio signals. Speech recognition benefits from acoustic models.",
    ];

    private const string Concepts = "# our glossary\nWord alignment\taligning words across a sentence pair\n";

    private readonly string root = Path.Combine(Path.GetTempPath(), $"gf-seed-blobs-{Guid.NewGuid():N}");
    private BlobServiceClient blobs = null!;
    private BlobContainerClient seeds = null!;
    private SqliteGraphStore store = null!;
    private MiniLmEncoder encoder = null!;
    private LocalDurableHost host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(root);
        blobs = new BlobServiceClient(emulators.Azurite.ConnectionString);
        seeds = blobs.GetBlobContainerClient(OnSeedCorpusUploaded.Container);
        await seeds.CreateIfNotExistsAsync();
        store = new SqliteGraphStore(Path.Combine(root, "graph.db"));
        encoder = new MiniLmEncoder();
        host = await LocalDurableHost.StartAsync(registry => registry.AddGraphFusionSeeds(() => new SeedActivities(store, encoder)), 4, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        encoder.Dispose();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task An_uploaded_corpus_builds_the_seed_model_with_the_concepts_beside_it_first()
    {
        var name = $"acl-{Guid.NewGuid():N}";
        var concepts = await UploadAsync($"{name}/{OnSeedCorpusUploaded.ConceptsFile}", Concepts);
        var corpus = await UploadAsync($"{name}/{OnSeedCorpusUploaded.CorpusFile}", string.Join('\n', Corpus) + "\n\n");

        await new OnSeedCorpusUploaded(blobs, NullLogger<OnSeedCorpusUploaded>.Instance).Run(corpus, name, host.Client, CancellationToken.None);
        var (request, instanceId) = SeedBuildStarter.RequestFor(name, corpus, concepts);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var summary = metadata.ReadOutputAs<SeedModelSummary>()!;
        Assert.Equal((name, Corpus.Length, false), (summary.Name, summary.Documents, summary.Incremental));
        Assert.Equal(("Word alignment", SeedSource.User, "aligning words across a sentence pair"), (summary.Seeds[0].Name, summary.Seeds[0].Source, summary.Seeds[0].Description));
        Assert.Contains(summary.Seeds, s => s.Key == "machine translation" && s.Source == SeedSource.TopicModel);
        Assert.Contains(summary.Seeds, s => s.Key == "speech recognition" && s.Source == SeedSource.TopicModel);
        var stored = await store.GetSeedModelAsync(name, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Corpus.Length, stored.DocumentHashes.Count);

        // The same upload event delivered again starts nothing.
        Assert.False(await SeedBuildStarter.StartAsync(host.Client, request, instanceId, CancellationToken.None));
    }

    [Fact]
    public void A_corpus_without_documents_is_refused_with_its_blob_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => SeedBuildStarter.RequestFor("empty", Encoding.UTF8.GetBytes("\n  \n"), null));
        Assert.Contains("seeds/empty/corpus.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_concepts_changes_the_instance_and_no_concepts_blob_means_none()
    {
        var corpus = Encoding.UTF8.GetBytes(string.Join('\n', Corpus));
        var (plain, plainId) = SeedBuildStarter.RequestFor("acl", corpus, null);
        var (_, withConceptsId) = SeedBuildStarter.RequestFor("acl", corpus, Encoding.UTF8.GetBytes("Word alignment\n"));

        Assert.Empty(plain.UserConcepts);
        Assert.Equal(Corpus.Length, plain.Documents.Count);
        Assert.NotEqual(plainId, withConceptsId);
        Assert.StartsWith(BuildSeedsOrchestration.InstanceId("acl"), plainId, StringComparison.Ordinal);
    }

    private async Task<byte[]> UploadAsync(string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await seeds.UploadBlobAsync(name, new BinaryData(bytes));
        return bytes;
    }
}
