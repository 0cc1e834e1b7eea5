using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion.Adjudication;

/// <summary>What one adjudication pass did.</summary>
public sealed record AdjudicationReport(int Contested, int Asked, int Changed, int Abstained);

/// <summary>
/// Asks the judge about close contests that have no verdict on their current claims, records the verdicts, and marks
/// the head entity's keys touched when the judge chose, so that the next fusion applies the verdict and notes it.
/// Idempotent: a pair is asked again only when its claims changed (the judge's answers are cached besides).
/// </summary>
public sealed class AdjudicateConflictsStep(
    IGraphStore store, IRelationAdjudicator judge, IRelationVerdicts verdicts, RelationSchema schema, AdjudicationOptions options, TimeProvider clock)
{
    public async Task<AdjudicationReport> RunAsync(CancellationToken cancellationToken)
    {
        var contested = new List<Relation>();
        await foreach (var relation in store.ListRelationsAsync(cancellationToken))
        {
            if (!relation.Inferred && IsClose(relation.Contest))
            {
                contested.Add(relation);
            }
        }

        var known = await verdicts.GetAsync(contested.Select(r => RelationVerdicts.PairKey(r.HeadId, r.TailId)).ToList(), cancellationToken);
        var open = contested
            .Where(r => !(known.GetValueOrDefault(RelationVerdicts.PairKey(r.HeadId, r.TailId)) is { } v && v.Fingerprint == r.Contest!.Fingerprint))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Take(options.MaxQuestionsPerPass)
            .ToList();
        int asked = 0, changed = 0, abstained = 0;
        foreach (var relation in open)
        {
            if (await store.GetEntityAsync(relation.HeadId, cancellationToken) is not { } head
                || await store.GetEntityAsync(relation.TailId, cancellationToken) is not { } tail)
            {
                continue;
            }

            var candidates = relation.Contest!.Types
                .Select(t => schema.Types.FirstOrDefault(s => s.Name == t.Type))
                .OfType<RelationType>()
                .ToList();
            var answer = await judge.AdjudicateAsync(new AdjudicationQuestion(head, tail, candidates, Passages(relation)), cancellationToken);
            asked++;
            var chosen = candidates.Any(c => c.Name == answer.Type) ? answer.Type : null;
            await verdicts.SaveAsync(
                new RelationVerdict(relation.HeadId, relation.TailId, chosen, relation.Contest.Fingerprint, judge.Name, answer.Reason, clock.GetUtcNow()),
                cancellationToken);
            if (chosen is null)
            {
                abstained++;
            }
            else
            {
                changed += chosen == relation.Type ? 0 : 1;
                await store.MarkTouchedAsync(head.Keys, cancellationToken);
            }
        }

        return new AdjudicationReport(contested.Count, asked, changed, abstained);
    }

    private bool IsClose(RelationContest? contest) =>
        contest is { Types.Count: >= 2 } && contest.Types[1].Documents >= contest.Types[0].Documents * options.MinRunnerUpShare;

    /// <summary>Passages taken in turn from each claimed type, so that every side is heard.</summary>
    private IReadOnlyList<Evidence> Passages(Relation relation) =>
        relation.Evidence
            .GroupBy(e => e.ClaimedType, StringComparer.Ordinal)
            .SelectMany(g => g.DistinctBy(e => e.Snippet, StringComparer.Ordinal).Select((e, i) => (Evidence: e, Turn: i)))
            .OrderBy(x => x.Turn)
            .ThenBy(x => x.Evidence.ClaimedType, StringComparer.Ordinal)
            .Take(options.MaxPassages)
            .Select(x => x.Evidence)
            .ToList();
}
