using System.Text.Json;
using GraphFusion.Core.Export;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;

namespace GraphFusion.Workflows.Tests;

/// <summary>
/// Documents ingested before a reference arrives, or while an older version of it was in use, are re-linked when the set of
/// references changes, and the fused entities show the link.
/// </summary>
public class ReferenceRelinkingTests
{
    private const string Glossary = ReferenceSamples.Glossary;

    private const string Lstm = ReferenceSamples.Lstm;

    private const string Asr = "Speech recognition systems turn spoken audio into text. Recurrent neural networks improved speech recognition.";

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly string LstmKey = NameNormalizer.Key("Long short-term memory");

    [Fact]
    public async Task Documents_ingested_before_a_glossary_are_linked_as_if_ingested_after_it()
    {
        using var before = new Workspace();
        before.Write("lstm.txt", Lstm);
        before.Write("asr.txt", Asr);
        await before.IngestAsync();
        Assert.All(await ClaimsAsync(before), c => Assert.Null(c.ReferenceId));
        Assert.Null((await EntityAsync(before, "Long short-term memory")).Reference);

        await before.IndexReferencesAsync(before.WriteReference("glossary.csv", Glossary));

        using var after = new Workspace();
        await after.IndexReferencesAsync(after.WriteReference("glossary.csv", Glossary));
        after.Write("lstm.txt", Lstm);
        after.Write("asr.txt", Asr);
        await after.IngestAsync();

        var relinked = await ClaimsAsync(before);
        var ingested = await ClaimsAsync(after);
        Assert.Equal(Links(ingested), Links(relinked));
        Assert.Contains(relinked, c => c.Key == LstmKey && c.ReferenceId == "lstm" && c.LinkedEntityId == "ref:lstm");
        Assert.Contains(relinked, c => c.ReferenceId == "asr");

        // The fused entities show the link right after indexing, as they do when the glossary came first.
        var entity = await EntityAsync(before, "Long short-term memory");
        Assert.Equal("lstm", entity.Reference?.Id);
        Assert.Equal((await EntityAsync(after, "Long short-term memory")).Reference, entity.Reference);
        Assert.Equal(2, (await EntityAsync(before, "Speech recognition")).Reference?.Documents);
        Assert.Equal(await after.DescribeAsync(), await before.DescribeAsync());
        using (var exported = new MemoryStream())
        {
            JsonGraphExporter.Write(await GraphSnapshot.LoadAsync(before.Store, Ct), exported);
            using var json = JsonDocument.Parse(exported.ToArray());
            var lstm = json.RootElement.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("id").GetString() == entity.Id);
            Assert.Equal("lstm", lstm.GetProperty("reference").GetProperty("id").GetString());
        }

        Assert.Empty(await before.Store.ListTouchedAsync(100, Ct));
    }

    [Fact]
    public async Task Relinking_again_changes_nothing()
    {
        using var workspace = new Workspace();
        workspace.Write("lstm.txt", Lstm);
        await workspace.IngestAsync();
        await workspace.IndexReferencesAsync(workspace.WriteReference("glossary.csv", Glossary));
        var step = new RelinkDocumentsStep(workspace.Store, new StoredReferenceLinker(workspace.Store));
        var documents = await step.ListDocumentsAsync(Ct);

        var again = await step.RunAsync(documents, Ct);

        Assert.Single(documents);
        Assert.Equal((1, 0), (again.Documents, again.ClaimsChanged));
        Assert.Empty(again.TouchedKeys);
        Assert.Empty(await workspace.Store.ListTouchedAsync(100, Ct));
    }

    [Fact]
    public async Task A_replaced_glossary_relinks_and_a_removed_one_unlinks()
    {
        using var workspace = new Workspace();
        var glossary = workspace.WriteReference("glossary.csv", Glossary);
        await workspace.IndexReferencesAsync(glossary);
        workspace.Write("lstm.txt", Lstm);
        await workspace.IngestAsync();
        Assert.Equal("lstm", (await EntityAsync(workspace, "Long short-term memory")).Reference?.Id);

        workspace.WriteReference("glossary.csv", Glossary.Replace("lstm,Long", "lstm-2,Long", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(glossary, DateTime.UtcNow.AddMinutes(1));
        await workspace.IndexReferencesAsync(glossary);

        var claim = Assert.Single(await workspace.Store.GetClaimsAsync([LstmKey], Ct));
        Assert.Equal(("lstm-2", "ref:lstm-2"), (claim.ReferenceId, claim.LinkedEntityId));
        Assert.Equal("lstm-2", (await EntityAsync(workspace, "Long short-term memory")).Reference?.Id);

        File.Delete(glossary);
        await workspace.RefuseAsync();

        Assert.Empty(await workspace.Store.ListReferencesAsync(Ct));
        Assert.All(await ClaimsAsync(workspace), c => Assert.Null(c.ReferenceId));
        claim = Assert.Single(await workspace.Store.GetClaimsAsync([LstmKey], Ct));
        Assert.Equal((null, 0.0), (claim.LinkedEntityId, claim.LinkConfidence));
        Assert.Null((await EntityAsync(workspace, "Long short-term memory")).Reference);
    }

    private static async Task<IReadOnlyList<KeyClaims>> ClaimsAsync(Workspace workspace)
    {
        var keys = (await workspace.Store.ListDocumentsAsync(Ct)).SelectMany(d => d.Keys).Distinct().ToList();
        return await workspace.Store.GetClaimsAsync(keys, Ct);
    }

    private static List<string> Links(IEnumerable<KeyClaims> claims) =>
        [.. claims.Select(c => $"{c.Key} {c.ReferenceId} {c.ReferenceConfidence:0.######}").Order(StringComparer.Ordinal)];

    private static async Task<Entity> EntityAsync(Workspace workspace, string name) =>
        (await workspace.Store.FindEntitiesAsync(name, 1, Ct)).Single();
}
