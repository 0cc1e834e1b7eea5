using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Files;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Workers;
using GraphFusion.Workflows;

namespace GraphFusion.GpuWorker.Tests;

/// <summary>
/// The worker-backed <c>ITextEmbedder</c> (what the Functions app uses) against the real worker: the same vectors as the
/// in-process encoder, stored with reference entities, and linking by embedding over them.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerEmbedderTests(WorkerFixture fixture) : IDisposable
{
    // float16 storage keeps about three decimals of each unit-vector component.
    private const float HalfTolerance = 1e-3f;

    private const string Glossary = """
        id,term,description,synonyms,parent
        nmt,NMT,Neural machine translation: translating text between languages with a neural network,,Tasks
        physician,Physician,A medical doctor who diagnoses and treats patients,,Healthcare
        invoice,Invoice,Document sent to a customer requesting payment for goods or services,bill,Billing
        lstm,Long short-term memory,A recurrent neural network with gated memory cells,LSTM,Neural networks
        """;

    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _work = Directory.CreateTempSubdirectory("gf-worker-embed-").FullName;

    [Fact]
    public async Task Vectors_equal_the_in_process_encoder_in_input_order_across_several_requests()
    {
        // The fixture's worker accepts 16 inputs per request: 40 texts take three.
        var embedder = WorkerEmbeddingSetup.CreateStandalone(fixture.Client.BaseAddress!, WorkerFactory.ApiKey, maxInputsPerRequest: 16);
        var texts = Enumerable.Range(0, 40).Select(i => $"Sentence {i} about {(i % 2 == 0 ? "speech recognition" : "invoices and payments")}.").ToList();

        var actual = await embedder.EmbedAsync(texts, Ct);
        var expected = fixture.Encoder.Embed(texts);

        Assert.Equal(fixture.Encoder.Dimensions, embedder.Dimensions);
        Assert.Equal(fixture.Encoder.Name, embedder.Name);
        Assert.Equal(texts.Count, actual.Length);
        for (var i = 0; i < texts.Count; i++)
        {
            AssertClose(expected[i], actual[i], 1e-5f);
        }
    }

    [Fact]
    public async Task Reference_indexing_through_the_worker_stores_the_in_process_vectors_and_links_by_embedding()
    {
        var embedder = WorkerEmbeddingSetup.CreateStandalone(fixture.Client.BaseAddress!, WorkerFactory.ApiKey);
        var path = Path.Combine(_work, "glossary.csv");
        await File.WriteAllTextAsync(path, Glossary);
        var store = new SqliteGraphStore(Path.Combine(_work, "graph.db"));
        var activities = PipelineFactory.CreateReferenceActivities(store, new FileReferenceSource(), embedder: embedder);

        var staged = await activities.ReadReferenceAsync(new IndexReferenceRequest(ReferenceNames.ForPath(path)));
        var record = await activities.RecordReferenceAsync(staged);

        Assert.Equal(ReferenceStatus.Indexed, record.Status);
        var stored = await store.GetReferenceEntitiesAsync(record.Id, record.Version, Ct);
        Assert.Equal(4, stored.Count);
        var expected = fixture.Encoder.Embed([.. stored.Select(e => ReferenceEmbeddingText.Of(e.ToEntity()))]);
        for (var i = 0; i < stored.Count; i++)
        {
            AssertClose(expected[i], stored[i].Embedding!, HalfTolerance);
        }

        var linker = await new StoredReferenceLinker(store, embedder: embedder).GetAsync(Ct);
        var link = await linker!.LinkAsync("neural machine translation system", "We trained a neural machine translation system on English-German news.", Ct);

        Assert.Equal("nmt", link?.Entity.Id);
        Assert.Equal(NameMatch.Embedding, link!.Source);
        var inProcess = await new ReferenceLinker(await ReferenceIndex.BuildAsync([.. stored.Select(e => e.ToEntity())], fixture.Encoder, Ct), embedder: fixture.Encoder)
            .LinkAsync("neural machine translation system", "We trained a neural machine translation system on English-German news.", Ct);
        Assert.Equal(inProcess!.Confidence, link.Confidence, 2);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"largest difference {worst} > {tolerance}");
    }
}
