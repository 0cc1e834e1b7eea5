using GraphFusion.Core.References;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.References;

public sealed class StoredReferenceTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"gf-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_stored_linker_is_built_once_per_set_of_reference_versions()
    {
        var store = new SqliteGraphStore(path);
        var linkers = new StoredReferenceLinker(store);
        Assert.Null(await linkers.GetAsync(CancellationToken.None));

        await IndexAsync(store, "r-1", "v1", new IndexedReferenceEntity("clv", "Customer lifetime value", ["LTV"], "Revenue a customer brings", null, "g.csv", []));
        var first = await linkers.GetAsync(CancellationToken.None);
        var again = await linkers.GetAsync(CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal("clv", first!.Link("LTV", "The LTV of a customer is revenue over time.")!.Entity.Id);

        await IndexAsync(store, "r-1", "v2", new IndexedReferenceEntity("ltv", "Lifetime value", ["LTV"], "Revenue a customer brings", null, "g.csv", []));
        var rebuilt = await linkers.GetAsync(CancellationToken.None);

        Assert.NotSame(first, rebuilt);
        Assert.Equal("ltv", rebuilt!.Link("LTV", "The LTV of a customer is revenue over time.")!.Entity.Id);
        Assert.Equal(2, linkers.Builds);
    }

    [Fact]
    public void Blobs_in_a_folder_belong_to_the_folders_reference()
    {
        Assert.Equal("references/glossary.csv", ReferenceNames.ForBlob("references", "glossary.csv"));
        Assert.Equal("references/dbp-fr/", ReferenceNames.ForBlob("references", "dbp-fr/ent_ids_1"));
        Assert.Equal("references/dbp-fr/", ReferenceNames.ForBlob("references", "dbp-fr/sub/triples_1"));
        Assert.Equal(ReferenceNames.IdOf("references/dbp-fr/"), ReferenceNames.IdOf(ReferenceNames.ForBlob("references", "dbp-fr/triples_1")));
    }

    [Fact]
    public void Reading_errors_name_the_reference_file_and_line_not_a_temporary_copy()
    {
        var files = new[] { new ReferenceFile("terms.tsv", "term\tdescription\nAlpha\tfirst\tsurplus\n"u8.ToArray(), DateTimeOffset.UtcNow) };

        var error = Assert.Throws<ReferenceFormatException>(() => ReferenceContentReader.Read("references/terms.tsv", files));

        Assert.StartsWith("references/terms.tsv:2: 3 fields but the header names 2 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_glossaries_reads_every_file_and_rejects_an_id_used_twice()
    {
        var a = new ReferenceFile("a.csv", "id,term,description\nx,Alpha,first\n"u8.ToArray(), DateTimeOffset.UtcNow);
        var b = new ReferenceFile("b.jsonl", "{\"id\":\"y\",\"name\":\"Beta\"}\n"u8.ToArray(), DateTimeOffset.UtcNow);
        var clash = new ReferenceFile("c.jsonl", "{\"id\":\"x\",\"name\":\"Gamma\"}\n"u8.ToArray(), DateTimeOffset.UtcNow);

        Assert.Equal(["x", "y"], ReferenceContentReader.Read("references/team/", [a, b]).Select(e => e.Id));
        var error = Assert.Throws<ReferenceFormatException>(() => ReferenceContentReader.Read("references/team/", [a, b, clash]));
        Assert.Contains("references/team/c.jsonl", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x' is also used in a.csv", error.Message, StringComparison.Ordinal);
    }

    private static async Task IndexAsync(IReferenceStore store, string id, string version, params IndexedReferenceEntity[] entities)
    {
        await store.WriteReferenceEntitiesAsync(id, version, entities, CancellationToken.None);
        var current = await store.GetReferenceAsync(id, CancellationToken.None);
        await store.SaveReferenceAsync((current ?? new ReferenceRecord { Id = id, Name = "references/g.csv" }) with { Version = version, Status = ReferenceStatus.Indexed }, CancellationToken.None);
    }
}
