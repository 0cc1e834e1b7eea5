using GraphFusion.Core.Fusion.LinkPrediction;

namespace GraphFusion.Workflows.Tests;

public class LinkPredictionOrchestrationTests
{
    // A small corpus gives few held-out relations: calibrate on a handful, at a modest precision, so that it proposes.
    private static readonly LinkPredictionOptions Options = new() { MinHeldOut = 3, MinHeldOutAboveThreshold = 1, TargetPrecision = 0.5, PrecisionConfidence = 0, HoldoutFraction = 0.2 };

    /// <summary>Communities of methods and tasks: every method of a community is used for most tasks of it.</summary>
    private static string Corpus(int firstCommunity, int communities) => string.Join(' ',
        Enumerable.Range(firstCommunity, communities).SelectMany(c => Enumerable.Range(0, 4).SelectMany(m => Enumerable.Range(0, 3)
            .Where(t => m != t)
            .Select(t => $"Method{(char)('A' + c)}{m} networks are used for task{(char)('A' + c)}{t} recognition."))));

    [Fact]
    public async Task Predictions_follow_retraction_and_equal_those_of_a_graph_built_without_the_document()
    {
        using var workspace = new Workspace(Options);
        workspace.Write("a.txt", Corpus(0, 4));
        var b = workspace.Write("b.txt", Corpus(4, 4));
        await workspace.IngestAsync();
        var before = await PredictionsAsync(workspace);
        Assert.NotEmpty(before);
        Assert.Contains(before, p => p.Contains("methode", StringComparison.OrdinalIgnoreCase) || p.Contains("methodf", StringComparison.OrdinalIgnoreCase)
            || p.Contains("methodg", StringComparison.OrdinalIgnoreCase) || p.Contains("methodh", StringComparison.OrdinalIgnoreCase));

        await workspace.RemoveAsync(b);
        File.Delete(b);

        using var onlyA = new Workspace(Options);
        onlyA.Write("a.txt", Corpus(0, 4));
        await onlyA.IngestAsync();
        var after = await PredictionsAsync(workspace);
        Assert.Equal(await PredictionsAsync(onlyA), after);
        Assert.DoesNotContain(after, p => p.Contains("methodf", StringComparison.OrdinalIgnoreCase) || p.Contains("methodg", StringComparison.OrdinalIgnoreCase)
            || p.Contains("methodh", StringComparison.OrdinalIgnoreCase) || p.Contains("methode", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(await onlyA.DescribeAsync(), await workspace.DescribeAsync());
    }

    [Fact]
    public async Task Turning_link_prediction_off_leaves_no_predictions()
    {
        using var workspace = new Workspace(Options with { Enabled = false });
        workspace.Write("a.txt", Corpus(0, 6));

        await workspace.IngestAsync();

        Assert.Empty(await PredictionsAsync(workspace));
    }

    private static async Task<List<string>> PredictionsAsync(Workspace workspace)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in workspace.Store.ListEntitiesAsync(CancellationToken.None))
        {
            names[entity.Id] = entity.Name;
        }

        var predictions = new List<string>();
        await foreach (var relation in workspace.Store.ListRelationsAsync(CancellationToken.None))
        {
            if (PredictedRelations.IsPrediction(relation))
            {
                predictions.Add($"{names[relation.HeadId]} -{relation.Type}-> {names[relation.TailId]} {relation.Reasoning}");
            }
        }

        return [.. predictions.Order(StringComparer.Ordinal)];
    }
}
