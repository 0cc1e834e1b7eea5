using GraphFusion.Core.Fusion.Inference;
using GraphFusion.Core.Graph;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.Fusion.Inference;

public sealed class HeadInferenceTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string path = Path.Combine(Path.GetTempPath(), $"gf-inference-{Guid.NewGuid():N}.db");
    private readonly SqliteGraphStore store;

    public HeadInferenceTests() => store = new SqliteGraphStore(path);

    private static Entity Entity(string id) => new() { Id = id, Name = "n" + id, Type = "Concept", Keys = [id] };

    private static Relation Fact(string head, string type, string tail, bool inferred = false) =>
        new() { Id = StableId.Of("r-", head, tail), HeadId = head, Type = type, TailId = tail, Confidence = 0.9, Inferred = inferred };

    private static string[] Describe(IEnumerable<Relation> relations) =>
        relations.Select(r => $"{r.HeadId} {r.Type} {r.TailId} | {r.Reasoning}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Many_heads_at_once_infer_what_each_infers_alone()
    {
        // A chain and a tree: A < B < C < D, E < B, F part of C, C used for G; a stored inferred fact is never a premise.
        await store.UpsertEntitiesAsync([.. "ABCDEFGH".Select(c => Entity(c.ToString()))], Ct);
        await store.ReplaceRelationsFromAsync("B", [Fact("B", RelationSchema.HyponymOf, "C"), Fact("B", RelationSchema.UsedFor, "H", inferred: true)], Ct);
        await store.ReplaceRelationsFromAsync("C", [Fact("C", RelationSchema.HyponymOf, "D"), Fact("C", RelationSchema.UsedFor, "G")], Ct);
        await store.ReplaceRelationsFromAsync("F", [Fact("F", RelationSchema.PartOf, "C")], Ct);
        var heads = new (Entity, IReadOnlyList<Relation>)[]
        {
            (Entity("A"), [Fact("A", RelationSchema.HyponymOf, "B")]),
            (Entity("E"), [Fact("E", RelationSchema.HyponymOf, "B"), Fact("E", RelationSchema.PartOf, "F")]),
            (Entity("G"), [Fact("G", RelationSchema.UsedFor, "A")]),
        };

        var together = await new HeadInference(store, new InferenceOptions()).InferAllAsync(heads, Ct);
        var alone = new List<IReadOnlyList<Relation>>();
        foreach (var (head, stated) in heads)
        {
            alone.Add(await new HeadInference(store, new InferenceOptions()).InferAsync(head, stated, Ct));
        }

        Assert.Equal(alone.Select(Describe), together.Select(Describe));
        Assert.Contains("A Hyponym-Of C | Hyponym-Of transitivity: nA Hyponym-Of nB; nB Hyponym-Of nC", Describe(together[0]));
        Assert.Contains(together[0], r => r.TailId == "D");
        Assert.DoesNotContain(together[0], r => r.TailId == "H");
        // E reaches C both as a kind of B and as a part of F: one fact per pair, the more confident derivation.
        Assert.Contains(together[1], r => r.Type == RelationSchema.HyponymOf && r.TailId == "C");
        Assert.DoesNotContain(together[1], r => r.Type == RelationSchema.PartOf);
        Assert.Empty(together[2]);
    }

    [Fact]
    public async Task Pending_facts_and_entities_stand_in_for_the_stored_ones()
    {
        await store.UpsertEntitiesAsync([Entity("A"), Entity("B"), Entity("C"), Entity("D")], Ct);
        await store.ReplaceRelationsFromAsync("B", [Fact("B", RelationSchema.HyponymOf, "C")], Ct);
        var pendingStated = new Dictionary<string, IReadOnlyList<Relation>> { ["B"] = [Fact("B", RelationSchema.HyponymOf, "D")] };
        var pendingEntities = new Dictionary<string, Entity> { ["D"] = Entity("D") with { Name = "renamed D" } };

        var inferred = await new HeadInference(new InferenceFacts(store, pendingStated, pendingEntities), new InferenceOptions())
            .InferAsync(Entity("A"), [Fact("A", RelationSchema.HyponymOf, "B")], Ct);

        Assert.Equal(["A Hyponym-Of D | Hyponym-Of transitivity: nA Hyponym-Of nB; nB Hyponym-Of renamed D"], Describe(inferred));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
