using System.Text.Json;
using GraphFusion.Testing;
using GraphFusion.Workflows;
using GraphFusion.Workflows.Alignment;
using GraphFusion.Workflows.Seeds;

namespace GraphFusion.Functions.Tests;

public class FunctionsMetadataTests
{
    private static readonly Dictionary<string, string[]> Bindings = LoadBindings();

    [Theory]
    [InlineData("OnDocumentUploaded", "blobTrigger")]
    [InlineData("OnReferenceUploaded", "blobTrigger")]
    [InlineData("RefuseTimer", "timerTrigger")]
    [InlineData("OnAlignmentRequested", "blobTrigger")]
    [InlineData("OnSeedCorpusUploaded", "blobTrigger")]
    [InlineData(SeedActivityNames.BuildSeeds, "orchestrationTrigger")]
    [InlineData(SeedActivityNames.PlanSeedModel, "activityTrigger")]
    [InlineData(SeedActivityNames.EmbedSeedDocuments, "activityTrigger")]
    [InlineData(SeedActivityNames.BuildSeedModel, "activityTrigger")]
    [InlineData(AlignmentActivityNames.AlignGraphs, "orchestrationTrigger")]
    [InlineData(AlignmentActivityNames.ComputeAlignment, "activityTrigger")]
    [InlineData(ActivityNames.IndexReference, "orchestrationTrigger")]
    [InlineData(ActivityNames.ReadReference, "activityTrigger")]
    [InlineData(ActivityNames.RecordReference, "activityTrigger")]
    [InlineData(ActivityNames.RemoveReference, "activityTrigger")]
    [InlineData(ActivityNames.FindRemovedReferences, "activityTrigger")]
    [InlineData(ActivityNames.IngestDocument, "orchestrationTrigger")]
    [InlineData(ActivityNames.RemoveDocument, "orchestrationTrigger")]
    [InlineData(ActivityNames.RefuseGraph, "orchestrationTrigger")]
    [InlineData(ActivityNames.PrepareDocument, "activityTrigger")]
    [InlineData(ActivityNames.ExtractChunks, "activityTrigger")]
    [InlineData(ActivityNames.LinkDocument, "activityTrigger")]
    [InlineData(ActivityNames.FuseKeys, "activityTrigger")]
    [InlineData(ActivityNames.CompleteDocument, "activityTrigger")]
    [InlineData(ActivityNames.FailDocument, "activityTrigger")]
    [InlineData(ActivityNames.RetractDocument, "activityTrigger")]
    [InlineData(ActivityNames.ListTouchedKeys, "activityTrigger")]
    [InlineData(ActivityNames.ProposeRelations, "activityTrigger")]
    [InlineData("StartIngestion", "httpTrigger")]
    [InlineData("GetRun", "httpTrigger")]
    [InlineData("ListReferences", "httpTrigger")]
    [InlineData("GetEntity", "httpTrigger")]
    [InlineData("SearchEntities", "httpTrigger")]
    [InlineData("DeleteDocument", "httpTrigger")]
    public void The_build_declares_every_function_with_its_trigger(string function, string trigger)
    {
        Assert.True(Bindings.TryGetValue(function, out var types), $"{function} is missing from functions.metadata");
        Assert.Contains(trigger, types);
    }

    [Fact]
    public void Http_functions_require_a_function_key()
    {
        var path = MetadataPath();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var levels = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .Select(b => b.GetProperty("authLevel").GetString())
            .ToList();
        Assert.NotEmpty(levels);
        Assert.All(levels, level => Assert.Equal("Function", level, ignoreCase: true));
    }

    private static Dictionary<string, string[]> LoadBindings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!).ToArray());
    }

    // The Functions SDK writes functions.metadata into the app's build output, built as a dependency of this project.
    private static string MetadataPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(RepoPaths.RepoRoot, "functions", "GraphFusion.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} was not generated");
        return path;
    }
}
