using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Inference;
using GraphFusion.Storage.Files;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.References;

/// <summary>One MiniLM encoder shared by the embedding linking tests.</summary>
public sealed class LinkingEncoderFixture : IDisposable
{
    public MiniLmEncoder Encoder { get; } = new(new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });

    public void Dispose() => Encoder.Dispose();
}

public sealed class EmbeddingLinkingTests(LinkingEncoderFixture fixture) : IClassFixture<LinkingEncoderFixture>, IDisposable
{
    // No name, alias or acronym of these terms is a key, initials or close n-gram match of the mentions below.
    private const string Glossary = """
        id,term,description,synonyms,parent
        nmt,NMT,Neural machine translation: translating text between languages with a neural network,,Tasks
        physician,Physician,A medical doctor who diagnoses and treats patients,,Healthcare
        invoice,Invoice,Document sent to a customer requesting payment for goods or services,bill,Billing
        lstm,Long short-term memory,A recurrent neural network with gated memory cells,LSTM,Neural networks
        """;

    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string work = Directory.CreateTempSubdirectory("gf-embed-link-").FullName;

    public static TheoryData<string, string, string> Semantic => new()
    {
        { "neural machine translation system", "We trained a neural machine translation system on English-German news.", "nmt" },
        { "doctor", "The doctor examined the patient and prescribed antibiotics.", "physician" },
    };

    public static TheoryData<string, string> Unrelated => new()
    {
        { "quarterly tax filing", "The quarterly tax filing is due at the end of April." },
        { "football match", "The football match ended in a draw after extra time." },
    };

    [Theory]
    [MemberData(nameof(Semantic))]
    public async Task A_mention_that_matches_a_term_only_semantically_is_linked_only_with_the_embedder(string surface, string sentence, string expected)
    {
        var entities = ReferenceLoader.Load(WriteGlossary());
        var lexical = new ReferenceLinker(ReferenceIndex.Build(entities));
        var embedding = new ReferenceLinker(await ReferenceIndex.BuildAsync(entities, fixture.Encoder, Ct), embedder: fixture.Encoder);

        Assert.Null(await lexical.LinkAsync(surface, sentence, Ct));
        var link = await embedding.LinkAsync(surface, sentence, Ct);

        Assert.Equal(expected, link?.Entity.Id);
        Assert.Equal(NameMatch.Embedding, link!.Source);
        Assert.InRange(link.Confidence, new ReferenceLinkerOptions().NilThreshold, 1);
    }

    [Theory]
    [MemberData(nameof(Unrelated))]
    public async Task An_unrelated_mention_stays_NIL_with_the_embedder(string surface, string sentence)
    {
        var entities = ReferenceLoader.Load(WriteGlossary());
        var linker = new ReferenceLinker(await ReferenceIndex.BuildAsync(entities, fixture.Encoder, Ct), embedder: fixture.Encoder);

        Assert.Null(await linker.LinkAsync(surface, sentence, Ct));
    }

    [Fact]
    public async Task An_exact_name_still_links_as_exact_with_the_embedder()
    {
        var entities = ReferenceLoader.Load(WriteGlossary());
        var linker = new ReferenceLinker(await ReferenceIndex.BuildAsync(entities, fixture.Encoder, Ct), embedder: fixture.Encoder);

        var link = await linker.LinkAsync("LSTM", "An LSTM is a recurrent neural network with memory cells.", Ct);

        Assert.Equal("lstm", link?.Entity.Id);
        Assert.Equal(NameMatch.Alias, link!.Source);
    }

    [Fact]
    public async Task Embeddings_computed_at_index_time_are_stored_and_used_by_the_stored_linker()
    {
        var glossary = WriteGlossary();
        var store = new SqliteGraphStore(Path.Combine(work, "graph.db"));
        var request = new IndexReferenceRequest(ReferenceNames.ForPath(glossary));
        var staged = await new IndexReferenceStep(new FileReferenceSource(), store, fixture.Encoder).RunAsync(request, Ct);
        await new RecordReferenceStep(store, TimeProvider.System).RunAsync(staged, Ct);

        var stored = await store.GetReferenceEntitiesAsync(staged.ReferenceId, staged.Version, Ct);
        Assert.Equal(4, stored.Count);
        var physician = stored.Single(e => e.Id == "physician");
        var expected = (await fixture.Encoder.EmbedAsync([ReferenceEmbeddingText.Of(physician.ToEntity())], Ct))[0];
        Assert.Equal(expected.Select(x => (float)(Half)x), physician.Embedding!);

        const string Sentence = "The doctor examined the patient and prescribed antibiotics.";
        var withEmbedder = await new StoredReferenceLinker(store, embedder: fixture.Encoder).GetAsync(Ct);
        var withoutEmbedder = await new StoredReferenceLinker(store).GetAsync(Ct);

        Assert.True(withEmbedder!.Index.HasEmbeddings);
        Assert.Equal("physician", (await withEmbedder.LinkAsync("doctor", Sentence, Ct))?.Entity.Id);
        Assert.False(withoutEmbedder!.Index.HasEmbeddings);
        Assert.Null(await withoutEmbedder.LinkAsync("doctor", Sentence, Ct));
    }

    [Fact]
    public async Task Entities_indexed_without_embeddings_are_embedded_when_the_linker_is_built()
    {
        var glossary = WriteGlossary();
        var store = new SqliteGraphStore(Path.Combine(work, "graph.db"));
        var staged = await new IndexReferenceStep(new FileReferenceSource(), store).RunAsync(new IndexReferenceRequest(ReferenceNames.ForPath(glossary)), Ct);
        await new RecordReferenceStep(store, TimeProvider.System).RunAsync(staged, Ct);
        Assert.All(await store.GetReferenceEntitiesAsync(staged.ReferenceId, staged.Version, Ct), e => Assert.Null(e.Embedding));

        var linker = await new StoredReferenceLinker(store, embedder: fixture.Encoder).GetAsync(Ct);

        Assert.Equal("nmt", (await linker!.LinkAsync("neural machine translation system", "We trained a neural machine translation system on English-German news.", Ct))?.Entity.Id);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    private string WriteGlossary()
    {
        var path = Path.Combine(work, "glossary.csv");
        File.WriteAllText(path, Glossary);
        return path;
    }
}
