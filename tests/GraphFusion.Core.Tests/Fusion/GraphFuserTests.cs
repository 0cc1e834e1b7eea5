using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Fusion;

public class GraphFuserTests
{
    private const string A = "Long short-term memory (LSTM) is a type of recurrent neural network. LSTM networks are used for speech recognition.";
    private const string B = "LSTMs are used for handwriting recognition. Recurrent neural networks are used for speech recognition.";

    [Fact]
    public async Task Acronym_and_expansion_across_documents_become_one_entity()
    {
        using var harness = new FusionHarness();
        await harness.IngestAsync("a", A);
        await harness.IngestAsync("b", B);

        var (entities, relations) = await harness.DescribeAsync();

        var lstm = Assert.Single(entities, e => e.StartsWith("long short-term memory ", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("LSTM", lstm, StringComparison.Ordinal);
        Assert.Contains(relations, r => r.Equals("long short-term memory -Hyponym-Of-> recurrent neural network", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(relations, r => r.Equals("recurrent neural network -Used-for-> speech recognition", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Deleting_a_document_leaves_the_graph_of_the_others()
    {
        using var both = new FusionHarness();
        await both.IngestAsync("a", A);
        await both.IngestAsync("b", B);
        await both.RemoveAsync("a");

        using var onlyB = new FusionHarness();
        await onlyB.IngestAsync("b", B);

        var (expectedEntities, expectedRelations) = await onlyB.DescribeAsync();
        var (entities, relations) = await both.DescribeAsync();
        Assert.Equal(expectedEntities, entities);
        Assert.Equal(expectedRelations, relations);
    }

    [Fact]
    public async Task Replacing_a_document_replaces_its_contribution()
    {
        using var harness = new FusionHarness();
        await harness.IngestAsync("a", "Graph neural networks are used for link prediction.");
        await harness.IngestAsync("a", "Graph neural networks are used for node classification.");

        var (entities, relations) = await harness.DescribeAsync();

        Assert.Equal(["Graph neural networks -Used-for-> node classification"], relations);
        Assert.DoesNotContain(entities, e => e.StartsWith("link prediction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fusing_twice_changes_nothing()
    {
        using var harness = new FusionHarness();
        await harness.IngestAsync("a", A);
        await harness.IngestAsync("b", B);
        var before = await harness.DescribeAsync();

        var keys = await harness.Store.ListTouchedAsync(1000, CancellationToken.None);
        Assert.Empty(keys);
        var all = (await harness.Store.ListDocumentsAsync(CancellationToken.None)).SelectMany(d => d.Keys).Distinct().ToList();
        await harness.Fuser.FuseAsync(all, CancellationToken.None);

        var after = await harness.DescribeAsync();
        Assert.Equal(before.Entities, after.Entities);
        Assert.Equal(before.Relations, after.Relations);
    }

    [Fact]
    public async Task Touched_keys_are_cleared_once_fused_and_kept_when_touched_again()
    {
        using var harness = new FusionHarness();
        await harness.IngestAsync("a", A);
        await harness.Store.MarkTouchedAsync(["speech recognition"], CancellationToken.None);
        var stamps = await harness.Store.GetTouchStampsAsync(["speech recognition"], CancellationToken.None);
        await harness.Store.MarkTouchedAsync(["speech recognition"], CancellationToken.None);

        Assert.False(await harness.Store.ClearTouchedAsync("speech recognition", stamps["speech recognition"], CancellationToken.None));
        await harness.Fuser.FuseAsync(["speech recognition"], CancellationToken.None);
        Assert.Empty(await harness.Store.ListTouchedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Spelling_variants_in_different_documents_merge_without_a_stated_alias()
    {
        using var harness = new FusionHarness();
        await harness.IngestAsync("a", "Self-supervised pre-training is used for speech recognition.");
        await harness.IngestAsync("b", "Self-supervised pretraining is used for machine translation.");

        var (entities, relations) = await harness.DescribeAsync();

        Assert.Single(entities, e => e.Contains("pre-training", StringComparison.OrdinalIgnoreCase) || e.Contains("pretraining", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, relations.Count(r => r.Contains("-Used-for->", StringComparison.Ordinal) && !r.Contains("(inferred)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Inferred_facts_follow_their_premises_in_and_out()
    {
        using var harness = new FusionHarness();
        await harness.IngestAsync("a", "BERT is a type of language model.");
        await harness.IngestAsync("b", "Language models are used for question answering.");

        var (_, relations) = await harness.DescribeAsync();
        Assert.Contains("BERT -Used-for-> question answering (inferred)", relations);

        await harness.RemoveAsync("b");
        (_, relations) = await harness.DescribeAsync();
        Assert.DoesNotContain(relations, r => r.Contains("question answering", StringComparison.Ordinal));
        Assert.Equal(["BERT -Hyponym-Of-> language model"], relations);
    }

    [Fact]
    public async Task Heads_fused_together_infer_from_each_others_new_facts_in_one_round()
    {
        using var harness = new FusionHarness();
        var claims = new[]
        {
            Claims("bert", "BERT", new RelationClaim("bert", RelationSchema.HyponymOf, "language model", "BERT", "language model", "c1", 0, 30, "BERT is a language model", 0.9, "test")),
            Claims("language model", "language model", new RelationClaim("language model", RelationSchema.UsedFor, "question answering", "language model", "question answering", "c1", 31, 80, "language models for question answering", 0.9, "test")),
            Claims("question answering", "question answering"),
        };
        await harness.Store.WriteClaimsAsync("doc", claims, CancellationToken.None);

        var report = await harness.Fuser.FuseAsync(claims.Select(c => c.Key).ToList(), CancellationToken.None);

        Assert.Equal(1, report.Rounds);
        var (_, relations) = await harness.DescribeAsync();
        Assert.Equal(
            ["BERT -Hyponym-Of-> language model", "BERT -Used-for-> question answering (inferred)", "language model -Used-for-> question answering"],
            relations);
    }

    private static KeyClaims Claims(string key, string surface, params RelationClaim[] relations) => new()
    {
        Key = key,
        DocumentId = "doc",
        DocumentVersion = "v1",
        ObservedAt = DateTimeOffset.UnixEpoch,
        Mentions = [new MentionClaim(surface, "Method", "c1", 0, surface.Length, 0.9, "test")],
        Relations = relations,
    };
}
