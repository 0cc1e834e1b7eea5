using GraphFusion.Core.Fusion.Proposals;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Pipeline;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.Fusion;

/// <summary>
/// Which pairs the proposal pass asks about (unlinked, sharing stated neighbours, most shared first, no hubs), how answers
/// become inferred relations with their reasons, and how proposals go when their support does.
/// </summary>
public sealed class ProposeRelationsStepTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"gf-propose-{Guid.NewGuid():N}.db");
    private readonly SqliteGraphStore store;
    private readonly ScriptedProposer proposer = new();

    public ProposeRelationsStepTests() => store = new SqliteGraphStore(path);

    [Fact]
    public async Task Pairs_sharing_the_most_neighbours_are_asked_first_and_linked_pairs_never()
    {
        // bert and squad share two neighbours (qa, nlp); bert and transformer share qa but a rule already links them.
        await GraphAsync(
            ("bert", "Used-for", "qa", false), ("squad", "Evaluate-for", "qa", false), ("bert", "Part-of", "nlp", false), ("squad", "Part-of", "nlp", false),
            ("glue", "Evaluate-for", "nlp", false), ("transformer", "Used-for", "qa", false), ("bert", "Hyponym-Of", "transformer", true));

        var report = await Step(maxQuestions: 1).RunAsync(CancellationToken.None);

        Assert.Equal(("bert", "squad"), Assert.Single(proposer.Asked));
        Assert.Equal((5, 1), (report.Candidates, report.Asked));
        var question = proposer.Questions[0];
        proposer.Questions.Clear();
        await Step().RunAsync(CancellationToken.None);
        Assert.Equal(5, proposer.Asked.Count);
        Assert.DoesNotContain(("bert", "transformer"), proposer.Asked);
        Assert.Contains(("squad", "transformer"), proposer.Asked);
        Assert.Contains("BERT -Used-for-> QA <-Evaluate-for- SQUAD", question.Paths);
        Assert.Equal(RelationSchema.Graphusion.Types.Sum(t => t.Symmetric ? 1 : 2), question.Options.Count);
    }

    [Fact]
    public async Task An_answer_becomes_an_inferred_relation_with_its_reason_and_none_adds_nothing()
    {
        await GraphAsync(("bert", "Used-for", "qa", false), ("squad", "Evaluate-for", "qa", false));
        proposer.Answer = question => Option(question, "Evaluate-for", firstIsHead: false, "SQuAD measures BERT on reading comprehension.");

        var report = await Step().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 1), (report.Asked, report.Proposed, report.Added));
        var proposal = Assert.Single(await store.GetRelationsFromAsync("squad", CancellationToken.None), ProposedRelations.IsProposal);
        Assert.Equal(("squad", "Evaluate-for", "bert", true), (proposal.HeadId, proposal.Type, proposal.TailId, proposal.Inferred));
        Assert.Equal("proposed by scripted: SQuAD measures BERT on reading comprehension. (from BERT -Used-for-> QA <-Evaluate-for- SQUAD)", proposal.Reasoning);

        // The proposal is not a link: the pair is asked again (the model's cache answers), and the same proposal stays.
        report = await Step().RunAsync(CancellationToken.None);
        Assert.Equal((1, 0, 0), (report.Asked, report.Added, report.Removed));

        proposer.Answer = _ => new ProposalAnswer(0, "no relation");
        report = await Step().RunAsync(CancellationToken.None);
        Assert.Equal((0, 1), (report.Proposed, report.Removed));
        Assert.DoesNotContain(await store.GetRelationsFromAsync("squad", CancellationToken.None), ProposedRelations.IsProposal);
    }

    [Fact]
    public async Task A_proposal_goes_when_the_shared_neighbour_goes_and_hubs_connect_nothing()
    {
        await GraphAsync(("bert", "Used-for", "qa", false), ("squad", "Evaluate-for", "qa", false));
        proposer.Answer = question => Option(question, "Compare", firstIsHead: true, "both concern question answering");
        await Step().RunAsync(CancellationToken.None);
        Assert.Contains(await store.GetRelationsFromAsync("bert", CancellationToken.None), ProposedRelations.IsProposal);

        await store.ReplaceRelationsFromAsync("squad", [], CancellationToken.None);
        var report = await Step().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (report.Candidates, report.Removed));
        Assert.DoesNotContain(await store.GetRelationsFromAsync("bert", CancellationToken.None), ProposedRelations.IsProposal);

        await GraphAsync([.. Enumerable.Range(0, 4).Select(i => ($"m{i}", "Used-for", "hub", false))]);
        Assert.Equal(0, (await Step(maxHubDegree: 3).RunAsync(CancellationToken.None)).Candidates);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private ProposeRelationsStep Step(int maxQuestions = 50, int maxHubDegree = 30) =>
        new(store, proposer, RelationSchema.Graphusion, new ProposalOptions { MaxQuestionsPerPass = maxQuestions, MaxHubDegree = maxHubDegree });

    private async Task GraphAsync(params (string Head, string Type, string Tail, bool Inferred)[] facts)
    {
        var ids = facts.SelectMany(f => new[] { f.Head, f.Tail }).Distinct(StringComparer.Ordinal).ToList();
        await store.UpsertEntitiesAsync([.. ids.Select(id => new Entity { Id = id, Name = id.ToUpperInvariant(), Type = "Method", Keys = [id] })], CancellationToken.None);
        foreach (var head in facts.GroupBy(f => f.Head))
        {
            await store.ReplaceRelationsFromAsync(head.Key, [.. head.Select(f => new Relation
            {
                Id = StableId.Of("r-", f.Head, f.Tail),
                HeadId = f.Head,
                Type = f.Type,
                TailId = f.Tail,
                Confidence = 1,
                Inferred = f.Inferred,
                Reasoning = f.Inferred ? "rule" : null,
                Evidence = f.Inferred ? [] : [new Evidence("doc", "c1", 0, 10, $"{f.Head} {f.Type} {f.Tail}.", f.Type, 0.9, "test")],
            })], CancellationToken.None);
        }
    }

    private static ProposalAnswer Option(ProposalQuestion question, string type, bool firstIsHead, string reason) =>
        new(question.Options.ToList().FindIndex(o => o.Type.Name == type && o.FirstIsHead == firstIsHead) + 1, reason);

    private sealed class ScriptedProposer : IRelationProposer
    {
        public Func<ProposalQuestion, ProposalAnswer> Answer { get; set; } = _ => new ProposalAnswer(0, "no relation");

        public List<ProposalQuestion> Questions { get; } = [];

        public List<(string, string)> Asked => [.. Questions.Select(q => (q.First.Id, q.Second.Id))];

        public string Name => "scripted";

        public Task<ProposalAnswer> ProposeAsync(ProposalQuestion question, CancellationToken cancellationToken)
        {
            Questions.Add(question);
            return Task.FromResult(Answer(question));
        }
    }
}
