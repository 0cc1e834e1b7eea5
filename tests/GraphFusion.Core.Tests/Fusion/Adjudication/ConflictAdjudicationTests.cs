using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Tests.Fusion.Adjudication;

public class ConflictAdjudicationTests
{
    private const string Transformer = "transformer";
    private const string Translation = "machine translation";

    [Fact]
    public async Task A_verdict_on_a_close_contest_overrides_the_rule_and_is_noted_on_the_relation()
    {
        using var harness = new FusionHarness(withVerdicts: true);
        await harness.IngestClaimsAsync("d1", Document("d1", RelationSchema.UsedFor, "Transformers are used for machine translation."));
        await harness.IngestClaimsAsync("d2", Document("d2", RelationSchema.PartOf, "The transformer is part of machine translation systems."));
        Assert.Equal(RelationSchema.PartOf, (await OnlyRelationAsync(harness)).Type);

        var judge = new ScriptedJudge(RelationSchema.UsedFor);
        var report = await Step(harness, judge).RunAsync(CancellationToken.None);
        await harness.FuseTouchedAsync();

        Assert.Equal(new AdjudicationReport(Contested: 1, Asked: 1, Changed: 1, Abstained: 0), report);
        var relation = await OnlyRelationAsync(harness);
        Assert.Equal(RelationSchema.UsedFor, relation.Type);
        Assert.StartsWith("scripted judge chose Used-for over Part-of: ", relation.Adjudication, StringComparison.Ordinal);
        Assert.Equal(2, relation.Evidence.Count);

        var question = Assert.Single(judge.Questions);
        Assert.Equal([RelationSchema.PartOf, RelationSchema.UsedFor], question.Candidates.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(question.Candidates, c => Assert.False(string.IsNullOrWhiteSpace(c.Definition)));
        Assert.Equal(2, question.Passages.Select(p => p.ClaimedType).Distinct().Count());
        Assert.Equal(relation.HeadId, question.Head.Id);
    }

    [Fact]
    public async Task A_pair_is_asked_again_only_when_its_claims_change()
    {
        using var harness = new FusionHarness(withVerdicts: true);
        await harness.IngestClaimsAsync("d1", Document("d1", RelationSchema.UsedFor, "Transformers are used for machine translation."));
        await harness.IngestClaimsAsync("d2", Document("d2", RelationSchema.PartOf, "The transformer is part of machine translation systems."));
        var judge = new ScriptedJudge(RelationSchema.UsedFor);
        await Step(harness, judge).RunAsync(CancellationToken.None);
        await harness.FuseTouchedAsync();

        var again = await Step(harness, judge).RunAsync(CancellationToken.None);
        Assert.Equal(0, again.Asked);

        // A third document changes the claims: the old verdict no longer applies and the rule decides until the judge is asked again.
        await harness.IngestClaimsAsync("d3", Document("d3", RelationSchema.PartOf, "Transformer blocks are part of machine translation."));
        var relation = await OnlyRelationAsync(harness);
        Assert.Equal(RelationSchema.PartOf, relation.Type);
        Assert.Null(relation.Adjudication);

        var third = await Step(harness, judge).RunAsync(CancellationToken.None);
        await harness.FuseTouchedAsync();
        Assert.Equal(1, third.Asked);
        Assert.Equal(RelationSchema.UsedFor, (await OnlyRelationAsync(harness)).Type);
        Assert.Equal(2, judge.Questions.Count);
    }

    [Fact]
    public async Task A_verdict_never_keeps_a_fact_alive_once_its_claims_are_retracted()
    {
        using var harness = new FusionHarness(withVerdicts: true);
        await harness.IngestClaimsAsync("d1", Document("d1", RelationSchema.PartOf, "The transformer is part of machine translation systems."));
        await harness.IngestClaimsAsync("d2", Document("d2", RelationSchema.UsedFor, "Transformers are used for machine translation."));
        await Step(harness, new ScriptedJudge(RelationSchema.PartOf)).RunAsync(CancellationToken.None);
        await harness.FuseTouchedAsync();
        Assert.Equal(RelationSchema.PartOf, (await OnlyRelationAsync(harness)).Type);

        await harness.RemoveAsync("d1");

        var relation = await OnlyRelationAsync(harness);
        Assert.Equal(RelationSchema.UsedFor, relation.Type);
        Assert.Null(relation.Contest);
        Assert.Null(relation.Adjudication);

        await harness.RemoveAsync("d2");
        var (_, relations) = await harness.DescribeAsync();
        Assert.Empty(relations);
    }

    [Fact]
    public async Task An_answer_naming_no_candidate_is_an_abstention_and_the_rule_stands()
    {
        using var harness = new FusionHarness(withVerdicts: true);
        await harness.IngestClaimsAsync("d1", Document("d1", RelationSchema.UsedFor, "Transformers are used for machine translation."));
        await harness.IngestClaimsAsync("d2", Document("d2", RelationSchema.PartOf, "The transformer is part of machine translation systems."));
        var judge = new ScriptedJudge(RelationSchema.Compare);

        var report = await Step(harness, judge).RunAsync(CancellationToken.None);
        await harness.FuseTouchedAsync();

        Assert.Equal(1, report.Abstained);
        var relation = await OnlyRelationAsync(harness);
        Assert.Equal(RelationSchema.PartOf, relation.Type);
        Assert.Null(relation.Adjudication);
        Assert.Equal(0, (await Step(harness, judge).RunAsync(CancellationToken.None)).Asked);
    }

    [Fact]
    public async Task A_lopsided_contest_is_left_to_the_rule()
    {
        using var harness = new FusionHarness(withVerdicts: true);
        foreach (var id in new[] { "d1", "d2", "d3" })
        {
            await harness.IngestClaimsAsync(id, Document(id, RelationSchema.UsedFor, $"Transformers are used for machine translation ({id})."));
        }

        await harness.IngestClaimsAsync("d4", Document("d4", RelationSchema.PartOf, "The transformer is part of machine translation systems."));
        var judge = new ScriptedJudge(RelationSchema.PartOf);

        var report = await Step(harness, judge).RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Contested);
        Assert.Empty(judge.Questions);
        var relation = await OnlyRelationAsync(harness);
        Assert.Equal(RelationSchema.UsedFor, relation.Type);
        Assert.Equal([3, 1], relation.Contest!.Types.Select(t => t.Documents));
    }

    private static AdjudicateConflictsStep Step(FusionHarness harness, IRelationAdjudicator judge) =>
        new(harness.Store, judge, harness.Verdicts, RelationSchema.Graphusion, new AdjudicationOptions(), TimeProvider.System);

    private static async Task<Relation> OnlyRelationAsync(FusionHarness harness)
    {
        var relations = new List<Relation>();
        await foreach (var relation in harness.Store.ListRelationsAsync(CancellationToken.None))
        {
            relations.Add(relation);
        }

        return Assert.Single(relations);
    }

    /// <summary>A document stating one relation between the transformer and machine translation.</summary>
    private static List<KeyClaims> Document(string documentId, string type, string sentence)
    {
        var chunk = "chunk-" + documentId;
        var head = NameNormalizer.Key(Transformer);
        var tail = NameNormalizer.Key(Translation);
        var observed = DateTimeOffset.UnixEpoch;
        return
        [
            new KeyClaims
            {
                Key = head, DocumentId = documentId, DocumentVersion = "v1", ObservedAt = observed,
                Mentions = [new MentionClaim(Transformer, "Method", chunk, 0, 11, 0.9, "test")],
                Relations = [new RelationClaim(head, type, tail, Transformer, Translation, chunk, 0, sentence.Length, sentence, 0.8, "test")],
            },
            new KeyClaims
            {
                Key = tail, DocumentId = documentId, DocumentVersion = "v1", ObservedAt = observed,
                Mentions = [new MentionClaim(Translation, "Task", chunk, 20, 39, 0.9, "test")],
            },
        ];
    }

    /// <summary>A judge that always gives the same answer and keeps the questions it was asked.</summary>
    private sealed class ScriptedJudge(string answer) : IRelationAdjudicator
    {
        public List<AdjudicationQuestion> Questions { get; } = [];

        public string Name => "scripted judge";

        public Task<AdjudicationAnswer> AdjudicateAsync(AdjudicationQuestion question, CancellationToken cancellationToken)
        {
            Questions.Add(question);
            return Task.FromResult(new AdjudicationAnswer(answer, "the passages say so"));
        }
    }
}
