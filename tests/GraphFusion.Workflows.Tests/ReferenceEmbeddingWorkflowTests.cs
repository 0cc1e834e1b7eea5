using GraphFusion.Core.Linking;

namespace GraphFusion.Workflows.Tests;

public class ReferenceEmbeddingWorkflowTests
{
    // "Babel engine" shares no key, initials or close n-grams with "neural machine translation": the concept reaches it only
    // through the description's words in its embedding.
    private const string Glossary = """
        id,term,description,parent
        babel,Babel engine,neural machine translation,Tasks
        asr,Speech recognizer,speech recognition from audio,Tasks
        """;

    private const string Document = "Neural machine translation is used for translating news. Neural machine translation improves translation quality.";

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task With_an_embedder_the_orchestrations_store_embeddings_and_link_a_concept_found_only_by_embedding()
    {
        var embedder = new WordHashEmbedder();
        using var workspace = new Workspace(embedder: embedder);
        var glossary = workspace.WriteReference("glossary.csv", Glossary);

        Assert.Equal("Indexed", Assert.Single(await workspace.IndexReferencesAsync(glossary)).Status);
        var record = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        var stored = await workspace.Store.GetReferenceEntitiesAsync(record.Id, record.Version, Ct);
        Assert.All(stored, e => Assert.Equal(embedder.Dimensions, e.Embedding?.Length));
        Assert.Contains("Babel engine: neural machine translation", embedder.Embedded);

        workspace.Write("nmt.txt", Document);
        Assert.Equal("Ingested", Assert.Single(await workspace.IngestAsync()).Status);

        var claim = Assert.Single(await workspace.Store.GetClaimsAsync([NameNormalizer.Key("neural machine translation")], Ct));
        Assert.Equal("ref:babel", claim.LinkedEntityId);
    }

    [Fact]
    public async Task Without_an_embedder_the_same_concept_stays_unlinked()
    {
        using var workspace = new Workspace();
        var glossary = workspace.WriteReference("glossary.csv", Glossary);
        await workspace.IndexReferencesAsync(glossary);
        var record = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        Assert.All(await workspace.Store.GetReferenceEntitiesAsync(record.Id, record.Version, Ct), e => Assert.Null(e.Embedding));

        workspace.Write("nmt.txt", Document);
        await workspace.IngestAsync();

        var claim = Assert.Single(await workspace.Store.GetClaimsAsync([NameNormalizer.Key("neural machine translation")], Ct));
        Assert.Null(claim.LinkedEntityId);
    }
}
