using GraphFusion.Core.Linking;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows.Tests;

public class ReferenceIndexingTests
{
    private const string Glossary = ReferenceSamples.Glossary;

    private const string Lstm = ReferenceSamples.Lstm;

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Ingestion_links_claims_to_an_indexed_glossary_with_the_linkers_confidence()
    {
        using var workspace = new Workspace();
        var glossary = workspace.WriteReference("glossary.csv", Glossary);

        var indexed = Assert.Single(await workspace.IndexReferencesAsync(glossary));
        Assert.Equal("Indexed", indexed.Status);
        Assert.Equal(3, indexed.Entities);
        workspace.Write("lstm.txt", Lstm);
        Assert.Equal("Ingested", Assert.Single(await workspace.IngestAsync()).Status);

        var key = NameNormalizer.Key("Long short-term memory");
        var claim = Assert.Single(await workspace.Store.GetClaimsAsync([key], Ct));
        Assert.Equal("ref:lstm", claim.LinkedEntityId);

        // The same linker the CLI's --reference built straight from the file gives the same confidence.
        var direct = new ReferenceLinker(ReferenceIndex.Build(ReferenceLoader.Load(glossary)));
        var mention = claim.Mentions[0];
        var text = await workspace.Store.GetStateAsync(StateKeys.Chunk(mention.ChunkId), Ct);
        var expected = direct.Link(mention.Surface, SentenceAround.Of(text!, mention.Start, mention.End));
        Assert.Equal("lstm", expected!.Entity.Id);
        Assert.Equal(expected.Confidence, claim.LinkConfidence);
        Assert.InRange(claim.LinkConfidence, 0.55, 1.0);

        var record = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        Assert.Equal(ReferenceStatus.Indexed, record.Status);
        Assert.Equal(ReferenceNames.ForPath(glossary), record.Name);
        Assert.Equal(3, (await workspace.Store.GetReferenceEntitiesAsync(record.Id, record.Version, Ct)).Count);
    }

    [Fact]
    public async Task A_malformed_reference_fails_with_its_file_and_line_and_nothing_else_is_affected()
    {
        using var workspace = new Workspace();
        var good = workspace.WriteReference("glossary.csv", Glossary);
        var bad = workspace.WriteReference("broken.csv", "term,description\nGradient descent,An optimiser\n\"Adam,An optimiser with moments\n");

        var outcomes = await workspace.IndexReferencesAsync(good, bad);

        Assert.Equal(["Indexed", "Failed"], outcomes.Select(o => o.Status));
        Assert.Contains("broken.csv:3:", outcomes[1].Error, StringComparison.Ordinal);
        Assert.Contains("quoted field is not closed", outcomes[1].Error, StringComparison.Ordinal);
        var records = (await workspace.Store.ListReferencesAsync(Ct)).ToDictionary(r => r.Name);
        var failed = records[ReferenceNames.ForPath(bad)];
        Assert.Equal(ReferenceStatus.Failed, failed.Status);
        Assert.Equal(outcomes[1].Error, failed.Error);
        Assert.Equal("", failed.Version);
        Assert.Equal(ReferenceStatus.Indexed, records[ReferenceNames.ForPath(good)].Status);

        workspace.Write("lstm.txt", Lstm);
        await workspace.IngestAsync();
        var claim = Assert.Single(await workspace.Store.GetClaimsAsync([NameNormalizer.Key("Long short-term memory")], Ct));
        Assert.Equal("ref:lstm", claim.LinkedEntityId);
    }

    [Fact]
    public async Task Reindexing_replaces_the_reference_and_a_bad_reupload_keeps_the_version_in_use()
    {
        using var workspace = new Workspace();
        var glossary = workspace.WriteReference("glossary.csv", Glossary);
        await workspace.IndexReferencesAsync(glossary);
        var first = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));

        workspace.WriteReference("glossary.csv", Glossary.Replace("lstm,Long", "lstm-2,Long", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(glossary, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("Indexed", Assert.Single(await workspace.IndexReferencesAsync(glossary)).Status);

        var second = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        Assert.NotEqual(first.Version, second.Version);
        Assert.Empty(await workspace.Store.GetReferenceEntitiesAsync(first.Id, first.Version, Ct));
        Assert.Contains("lstm-2", (await workspace.Store.GetReferenceEntitiesAsync(second.Id, second.Version, Ct)).Select(e => e.Id));
        workspace.Write("lstm.txt", Lstm);
        await workspace.IngestAsync();
        Assert.Equal("ref:lstm-2", Assert.Single(await workspace.Store.GetClaimsAsync([NameNormalizer.Key("Long short-term memory")], Ct)).LinkedEntityId);

        workspace.WriteReference("glossary.csv", "term\nno description column\n");
        File.SetLastWriteTimeUtc(glossary, DateTime.UtcNow.AddMinutes(2));
        var failed = Assert.Single(await workspace.IndexReferencesAsync(glossary));

        Assert.Equal("Failed", failed.Status);
        Assert.Contains("no 'description' column", failed.Error, StringComparison.Ordinal);
        var third = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        Assert.Equal((ReferenceStatus.Failed, second.Version, 3), (third.Status, third.Version, third.EntityCount));
        Assert.Equal(3, (await workspace.Store.GetReferenceEntitiesAsync(third.Id, third.Version, Ct)).Count);
    }

    [Fact]
    public async Task Identical_content_is_unchanged_and_a_deleted_reference_is_removed_by_the_refusion_pass()
    {
        using var workspace = new Workspace();
        var glossary = workspace.WriteReference("glossary.csv", Glossary);
        await workspace.IndexReferencesAsync(glossary);

        Assert.Equal("Unchanged", Assert.Single(await workspace.IndexReferencesAsync(glossary)).Status);

        var record = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        File.Delete(glossary);
        await workspace.RefuseAsync();

        Assert.Empty(await workspace.Store.ListReferencesAsync(Ct));
        Assert.Empty(await workspace.Store.GetReferenceEntitiesAsync(record.Id, record.Version, Ct));
        workspace.Write("lstm.txt", Lstm);
        await workspace.IngestAsync();
        Assert.Null(Assert.Single(await workspace.Store.GetClaimsAsync([NameNormalizer.Key("Long short-term memory")], Ct)).LinkedEntityId);
    }

    [Fact]
    public async Task A_triple_graph_folder_waits_for_both_files_then_stores_neighbours()
    {
        using var workspace = new Workspace();
        var folder = Path.Combine(workspace.References, "kg");
        workspace.WriteReference("kg/ent_ids_1", "0\thttp://dbpedia.org/resource/Long_short-term_memory\n1\thttp://dbpedia.org/resource/Speech_recognition\n2\thttp://dbpedia.org/resource/Recurrent_neural_network\n");

        var waiting = Assert.Single(await workspace.IndexReferencesAsync(folder));
        Assert.Equal("Incomplete", waiting.Status);
        Assert.Contains("waiting for triples", waiting.Error, StringComparison.Ordinal);
        Assert.Equal(ReferenceStatus.Incomplete, Assert.Single(await workspace.Store.ListReferencesAsync(Ct)).Status);

        workspace.WriteReference("kg/triples_1", "0\t7\t1\n0\t8\t2\n");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "triples_1"), DateTime.UtcNow.AddMinutes(1));
        var indexed = Assert.Single(await workspace.IndexReferencesAsync(folder));

        Assert.Equal("Indexed", indexed.Status);
        var record = Assert.Single(await workspace.Store.ListReferencesAsync(Ct));
        Assert.Equal(["ent_ids_1", "triples_1"], record.Files);
        var entities = (await workspace.Store.GetReferenceEntitiesAsync(record.Id, record.Version, Ct)).ToDictionary(e => e.Id);
        Assert.Equal(["1", "2"], entities["0"].Neighbours.Order(StringComparer.Ordinal));
        Assert.Equal("Long short-term memory", entities["0"].Name);
        Assert.Equal("kg", entities["0"].Source);
    }
}
