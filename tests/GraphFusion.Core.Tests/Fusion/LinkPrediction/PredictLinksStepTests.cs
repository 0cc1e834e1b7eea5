using GraphFusion.Core.Fusion.Inference;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.Fusion.LinkPrediction;

public sealed class PredictLinksStepTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"gf-lp-{Guid.NewGuid():N}.db");
    private readonly SqliteGraphStore store;

    public PredictLinksStepTests()
    {
        store = new SqliteGraphStore(path);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public async Task Predictions_are_stored_as_inferred_relations_next_to_the_stated_ones()
    {
        var graph = await WriteAsync(new PlantedGraph());

        var report = await Step().RunAsync(CancellationToken.None);

        Assert.Equal("predicted", report.Status);
        Assert.True(report.Added > 0);
        var relations = await RelationsAsync();
        var predicted = relations.Where(PredictedRelations.IsPrediction).ToList();
        Assert.Equal(report.Added, predicted.Count);
        Assert.Contains(predicted, p => graph.Missing.Contains((p.HeadId, p.TailId)));
        Assert.Equal(graph.Relations.Select(r => r.Id).Order(StringComparer.Ordinal), relations.Where(r => !r.Inferred).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unchanged_graph_is_not_retrained_and_keeps_its_predictions()
    {
        await WriteAsync(new PlantedGraph());
        await Step().RunAsync(CancellationToken.None);
        var before = await RelationsAsync();

        var again = await Step().RunAsync(CancellationToken.None);

        Assert.Equal("unchanged", again.Status);
        Assert.Equal(Describe(before), Describe(await RelationsAsync()));
    }

    [Fact]
    public async Task Predictions_go_when_their_support_goes()
    {
        var graph = await WriteAsync(new PlantedGraph());
        await Step().RunAsync(CancellationToken.None);
        var predicted = (await RelationsAsync()).Where(PredictedRelations.IsPrediction).ToList();
        var (head, tail) = graph.Missing.First(m => predicted.Any(p => (p.HeadId, p.TailId) == m));
        var community = PlantedGraph.Community(head);

        // The whole community loses its evidence: its entities and their facts are gone.
        var gone = graph.Entities.Where(e => PlantedGraph.Community(e.Id) == community).Select(e => e.Id).ToList();
        await store.DeleteEntitiesAsync(gone, CancellationToken.None);
        var report = await Step().RunAsync(CancellationToken.None);

        Assert.Equal("predicted", report.Status);
        var after = await RelationsAsync();
        Assert.DoesNotContain(after, r => gone.Contains(r.HeadId) || gone.Contains(r.TailId));
        Assert.Contains(after, PredictedRelations.IsPrediction);

        // A stated fact arriving for a predicted pair replaces the prediction.
        var next = after.First(PredictedRelations.IsPrediction);
        var stated = (await store.GetRelationsFromAsync(next.HeadId, CancellationToken.None)).Where(r => !r.Inferred).ToList();
        await store.ReplaceRelationsFromAsync(next.HeadId, [.. stated, PlantedGraph.Stated(next.HeadId, next.Type, next.TailId)], CancellationToken.None);
        await Step().RunAsync(CancellationToken.None);
        var pair = (await store.GetRelationsFromAsync(next.HeadId, CancellationToken.None)).Single(r => r.TailId == next.TailId);
        Assert.False(pair.Inferred);
    }

    [Fact]
    public async Task Turning_prediction_off_removes_earlier_predictions()
    {
        await WriteAsync(new PlantedGraph());
        await Step().RunAsync(CancellationToken.None);

        var report = await Step(new LinkPredictionOptions { Enabled = false }).RunAsync(CancellationToken.None);

        Assert.Equal("disabled", report.Status);
        Assert.True(report.Removed > 0);
        Assert.DoesNotContain(await RelationsAsync(), r => r.Inferred);
    }

    [Fact]
    public async Task Rule_inference_does_not_use_predictions_as_premises()
    {
        // a Hyponym-Of b is predicted, b Hyponym-Of c is stated: a Hyponym-Of c would follow only from the prediction.
        var entities = new[] { "a", "b", "c" }.Select(id => new Entity { Id = id, Name = id, Type = "Method" }).ToList();
        await store.UpsertEntitiesAsync(entities, CancellationToken.None);
        var calibration = new Calibration(0.9, 0.5, 30, 300, 0.95, 0.5, 0.9, 0.8);
        await store.ReplaceRelationsFromAsync("a", [PredictedRelations.Create("a", RelationSchema.HyponymOf, "b", 0.9, 0.5, calibration)], CancellationToken.None);
        await store.ReplaceRelationsFromAsync("b", [PlantedGraph.Stated("b", RelationSchema.HyponymOf, "c")], CancellationToken.None);
        var x = new Entity { Id = "x", Name = "x", Type = "Method" };

        // x Hyponym-Of a is stated: with the prediction as a premise, x Hyponym-Of b and c would be inferred.
        var inferred = await new HeadInference(store, new InferenceOptions()).InferAsync(x, [PlantedGraph.Stated("x", RelationSchema.HyponymOf, "a")], CancellationToken.None);

        Assert.Empty(inferred);
    }

    private PredictLinksStep Step(LinkPredictionOptions? options = null) => new(store, RelationSchema.Graphusion, options ?? new LinkPredictionOptions());

    private async Task<PlantedGraph> WriteAsync(PlantedGraph graph)
    {
        await store.UpsertEntitiesAsync(graph.Entities, CancellationToken.None);
        foreach (var head in graph.Relations.GroupBy(r => r.HeadId))
        {
            await store.ReplaceRelationsFromAsync(head.Key, head.ToList(), CancellationToken.None);
        }

        return graph;
    }

    private async Task<List<Relation>> RelationsAsync()
    {
        var relations = new List<Relation>();
        await foreach (var relation in store.ListRelationsAsync(CancellationToken.None))
        {
            relations.Add(relation);
        }

        return relations;
    }

    private static List<string> Describe(IEnumerable<Relation> relations) =>
        relations.Select(r => $"{r.HeadId} {r.Type} {r.TailId} {r.Inferred} {r.Confidence} {r.Reasoning}").Order(StringComparer.Ordinal).ToList();
}
