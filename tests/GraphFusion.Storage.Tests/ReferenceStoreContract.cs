using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Tests;

/// <summary>The reference part of the store contract (records and versioned entity sets), run against every store.</summary>
public abstract partial class GraphStoreContract
{
    private static ReferenceRecord Reference(string id, string name = "references/glossary.csv") => new()
    {
        Id = id,
        Name = name,
        Version = "v1",
        Status = ReferenceStatus.Indexed,
        EntityCount = 2,
        Files = ["glossary.csv"],
        SourceModifiedAt = Samples.Now,
        UpdatedAt = Samples.Now,
    };

    private static List<IndexedReferenceEntity> ReferenceEntities(int count, string prefix = "e", int descriptionChars = 20) =>
        [.. Enumerable.Range(0, count).Select(i => new IndexedReferenceEntity(
            $"{prefix}{i}", $"Term {i}", [$"alias {i}"], new string('d', descriptionChars) + i, i % 2 == 0 ? "Parent" : null, "glossary.csv",
            i > 0 ? [$"{prefix}{i - 1}"] : []))];

    [Fact]
    public async Task Reference_records_round_trip_and_list()
    {
        Assert.Null(await Store.GetReferenceAsync("r-1", Ct));
        var saved = await Store.SaveReferenceAsync(Reference("r-1") with { Error = "kept" }, Ct);
        await Store.SaveReferenceAsync(Reference("r-2", "references/dbp/") with { Status = ReferenceStatus.Incomplete }, Ct);

        Assert.False(string.IsNullOrEmpty(saved.ETag));
        var read = await Store.GetReferenceAsync("r-1", Ct);
        Assert.Equal(saved.ETag, read!.ETag);
        JsonAssert.Equal(saved with { ETag = null }, read with { ETag = null });
        var listed = await Store.ListReferencesAsync(Ct);
        Assert.Equal(["r-1:Indexed", "r-2:Incomplete"], listed.Select(r => $"{r.Id}:{r.Status}"));
        Assert.Empty(await Store.ListDocumentsAsync(Ct));
    }

    [Fact]
    public async Task Reference_records_use_optimistic_concurrency()
    {
        var first = await Store.SaveReferenceAsync(Reference("r-1"), Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveReferenceAsync(Reference("r-1"), Ct));

        var second = await Store.SaveReferenceAsync(first with { Status = ReferenceStatus.Failed, Error = "line 3" }, Ct);

        Assert.NotEqual(first.ETag, second.ETag);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveReferenceAsync(first with { Version = "stale" }, Ct));
        Assert.Equal("line 3", (await Store.GetReferenceAsync("r-1", Ct))!.Error);
    }

    [Fact]
    public async Task Reference_entities_are_kept_per_version_in_order_and_deleted_per_version()
    {
        var v1 = ReferenceEntities(3);
        var v2 = ReferenceEntities(2, "x");
        await Store.WriteReferenceEntitiesAsync("r-1", "v1", v1, Ct);
        await Store.WriteReferenceEntitiesAsync("r-1", "v2", v2, Ct);
        await Store.WriteReferenceEntitiesAsync("r-1", "v1", v1, Ct);

        JsonAssert.Equal(v1, await Store.GetReferenceEntitiesAsync("r-1", "v1", Ct));
        JsonAssert.Equal(v2, await Store.GetReferenceEntitiesAsync("r-1", "v2", Ct));
        Assert.Empty(await Store.GetReferenceEntitiesAsync("r-2", "v1", Ct));

        await Store.DeleteReferenceEntitiesAsync("r-1", "v1", Ct);

        Assert.Empty(await Store.GetReferenceEntitiesAsync("r-1", "v1", Ct));
        Assert.Equal(2, (await Store.GetReferenceEntitiesAsync("r-1", "v2", Ct)).Count);
    }

    [Fact]
    public async Task Writing_a_version_again_replaces_its_entities()
    {
        await Store.WriteReferenceEntitiesAsync("r-1", "v1", ReferenceEntities(5), Ct);

        await Store.WriteReferenceEntitiesAsync("r-1", "v1", ReferenceEntities(2, "y"), Ct);

        Assert.Equal(["y0", "y1"], (await Store.GetReferenceEntitiesAsync("r-1", "v1", Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task Large_references_round_trip_whole()
    {
        // About 1.2 MB of descriptions: more than one Cosmos item can hold.
        var entities = ReferenceEntities(3_000, descriptionChars: 400);

        await Store.WriteReferenceEntitiesAsync("r-big", "v1", entities, Ct);
        var read = await Store.GetReferenceEntitiesAsync("r-big", "v1", Ct);

        Assert.Equal(entities.Select(e => e.Id), read.Select(e => e.Id));
        Assert.Equal(entities[^1].Description, read[^1].Description);
        Assert.Equal(["e2998"], read[^1].Neighbours);

        await Store.WriteReferenceEntitiesAsync("r-big", "v1", entities.Take(10).ToList(), Ct);
        Assert.Equal(10, (await Store.GetReferenceEntitiesAsync("r-big", "v1", Ct)).Count);
    }

    [Fact]
    public async Task Reference_entity_embeddings_round_trip_as_float16()
    {
        var random = new Random(7);
        var entities = ReferenceEntities(600, descriptionChars: 200)
            .Select((e, i) => i % 3 == 0 ? e : e with { Embedding = [.. Enumerable.Range(0, 384).Select(_ => (float)((random.NextDouble() * 2) - 1))] })
            .ToList();

        await Store.WriteReferenceEntitiesAsync("r-emb", "v1", entities, Ct);
        var read = await Store.GetReferenceEntitiesAsync("r-emb", "v1", Ct);

        Assert.Equal(entities.Select(e => e.Id), read.Select(e => e.Id));
        for (var i = 0; i < entities.Count; i++)
        {
            if (entities[i].Embedding is not { } written)
            {
                Assert.Null(read[i].Embedding);
                continue;
            }

            // Stored as float16: each value comes back as its nearest half, within 2^-11 relative.
            Assert.Equal(written.Select(x => (float)(Half)x), read[i].Embedding!);
            Assert.All(written.Zip(read[i].Embedding!), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-3));
        }
    }

    [Fact]
    public async Task Reference_entity_attributes_round_trip()
    {
        var entities = ReferenceEntities(3)
            .Select((e, i) => i == 1 ? e : e with { Attributes = new Dictionary<string, string> { ["type"] = $"planet {i}", ["orbits"] = "sun, \"Sol\"" } })
            .ToList();

        await Store.WriteReferenceEntitiesAsync("r-attr", "v1", entities, Ct);
        var read = await Store.GetReferenceEntitiesAsync("r-attr", "v1", Ct);

        Assert.Equal(entities[0].Attributes, read[0].Attributes);
        Assert.Null(read[1].Attributes);
        Assert.Equal(["sun, \"Sol\"", "planet 2"], read[2].ToEntity().AttributeValues());
    }

    [Fact]
    public async Task Deleting_a_reference_record_leaves_other_references()
    {
        await Store.SaveReferenceAsync(Reference("r-1"), Ct);
        await Store.SaveReferenceAsync(Reference("r-2"), Ct);

        await Store.DeleteReferenceAsync("r-1", Ct);
        await Store.DeleteReferenceAsync("r-missing", Ct);

        Assert.Null(await Store.GetReferenceAsync("r-1", Ct));
        Assert.Equal(["r-2"], (await Store.ListReferencesAsync(Ct)).Select(r => r.Id));
    }
}
