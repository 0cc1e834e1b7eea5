using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.References;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.References;

public sealed class MentionLinkerReferenceTests : IDisposable
{
    private const string Text = "Post the debit to the expense account in the chart of accounts. Our sprint ends on Friday.";
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
    public async Task Keys_without_a_graph_owner_record_the_reference_they_link_to()
    {
        var glossary = ReferenceIndex.Build(GlossaryReader.Read(Path.Combine(SampleFiles.RepoRoot, "samples", "references", "glossary.csv")));
        var store = new SqliteGraphStore(path);
        var linker = new MentionLinker(RelationSchema.Graphusion, store, TimeProvider.System, new ReferenceLinker(glossary));
        var account = Text.IndexOf("expense account", StringComparison.Ordinal) + "expense ".Length;
        var sprint = Text.IndexOf("sprint", StringComparison.Ordinal);
        var extraction = new ChunkExtraction(
            "c1",
            "test",
            [new ExtractedMention("account", "Concept", account, account + 7, 0.9), new ExtractedMention("sprint", "Concept", sprint, sprint + 6, 0.9)],
            [],
            []);

        var claims = await linker.LinkAsync(new LinkingInput("d1", "v1", [extraction], new Dictionary<string, string> { ["c1"] = Text }), CancellationToken.None);

        var accountClaims = claims.Single(c => c.Key == "account");
        Assert.Equal("ref:account-ledger", accountClaims.LinkedEntityId);
        Assert.InRange(accountClaims.LinkConfidence, 0.55, 1.0);
        Assert.Null(claims.Single(c => c.Key == "sprint").LinkedEntityId);
    }

    [Fact]
    public void The_sentence_around_a_span_is_cut_at_sentence_ends() =>
        Assert.Equal("Our sprint ends on Friday.", SentenceAround.Of(Text, Text.IndexOf("sprint", StringComparison.Ordinal), Text.IndexOf("sprint", StringComparison.Ordinal) + 6));
}
