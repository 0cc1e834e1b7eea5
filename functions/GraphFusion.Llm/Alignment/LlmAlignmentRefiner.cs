using GraphFusion.Core.Alignment;

namespace GraphFusion.Llm.Alignment;

/// <summary>
/// Re-decides the aligner's non-seed pairs with the chat model: each left entity's top candidates (from
/// <see cref="GraphAligner.Candidates"/>) go to <see cref="LlmCandidateVoter"/>; a winning vote replaces the pair,
/// scored by the winner's share of the rounds. Without a winner the aligner's pair stands.
/// </summary>
public sealed class LlmAlignmentRefiner(LlmCandidateVoter voter, int candidatesPerEntity = 5) : IAlignmentRefiner
{
    public async Task<AlignmentRefinement> RefineAsync(
        GraphAligner aligner, KnowledgeGraph left, KnowledgeGraph right, IReadOnlyList<EntityLink> seeds, IReadOnlyList<ScoredPair> pairs, int rounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aligner);
        ArgumentNullException.ThrowIfNull(pairs);
        var seedMatching = aligner.SeedMatching(seeds);
        var evidence = aligner.Propagate(seedMatching, cancellationToken);
        var candidates = aligner.Candidates(seedMatching, evidence, cancellationToken)
            .GroupBy(p => p.Left)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Score).Take(candidatesPerEntity).ToList());
        var leftProfiles = new GraphProfiles(left);
        var rightProfiles = new GraphProfiles(right);
        var result = new List<ScoredPair>(pairs.Count);
        int changed = 0, decided = 0;
        foreach (var pair in pairs)
        {
            if (seedMatching.LeftToRight[pair.Left] >= 0 || !candidates.TryGetValue(pair.Left, out var top) || top.Count < 2)
            {
                result.Add(pair);
                continue;
            }

            var shown = top.Select(p => rightProfiles.Of(p.Right)).ToList();
            var vote = await voter.VoteAsync(leftProfiles.Of(pair.Left), shown, rounds, cancellationToken);
            if (vote.WinnerId is null)
            {
                result.Add(pair);
                continue;
            }

            decided++;
            var winner = top[shown.FindIndex(s => s.Id == vote.WinnerId)].Right;
            changed += winner == pair.Right ? 0 : 1;
            result.Add(new ScoredPair(pair.Left, winner, (float)vote.Confidence));
        }

        return new AlignmentRefinement(result, changed, decided);
    }
}
