using GraphFusion.Llm.Extraction;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Alignment;

/// <summary>
/// Asks the chat model, over several rounds with the candidates in a different order each round
/// (<see cref="CandidateOrder"/>), which candidate matches the left entity, and keeps a vote. Answers naming no
/// candidate are discarded; a candidate wins only with more than half of the valid answers. Rounds beyond the number
/// of candidates would repeat an order, so there are at most that many. Calls go through
/// <see cref="MeteredChatCaller"/>, so they are cached (a rerun asks nothing) and count against the budgets.
/// </summary>
public sealed class LlmCandidateVoter(MeteredChatCaller caller, int maxOutputTokens = 8)
{
    private const string Purpose = "align";

    public async Task<AlignmentVote> VoteAsync(EntityProfile left, IReadOnlyList<EntityProfile> candidates, int rounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var votes = candidates.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        var discarded = 0;
        rounds = Math.Min(rounds, Math.Max(1, candidates.Count));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = maxOutputTokens };
        for (var round = 0; round < rounds && candidates.Count > 0; round++)
        {
            var order = CandidateOrder.For(candidates.Count, round, left.Id);
            var shown = order.Select(i => candidates[i]).ToList();
            var answer = await caller.CallAsync(
                $"align:{left.Id}:{round}", Purpose, Purpose, AlignmentPrompt.Build(left, shown), options, text => ChoiceParser.Parse(text, shown), cancellationToken);
            if (answer?.Value is { } position)
            {
                votes[shown[position].Id]++;
            }
            else
            {
                discarded++;
            }
        }

        var valid = votes.Values.Sum();
        var best = votes.OrderByDescending(v => v.Value).FirstOrDefault();
        var winner = valid > 0 && best.Value * 2 > valid ? best.Key : null;
        return new AlignmentVote(left.Id, votes, winner, rounds, discarded);
    }
}
