namespace GraphFusion.Llm.Alignment;

/// <summary>An entity shown to the model: its id, its name and a few facts about it.</summary>
public sealed record EntityProfile(string Id, string Name, IReadOnlyList<string> Facts);

/// <summary>
/// The vote over one left entity's candidates: votes per candidate id, the winner (null without a majority of the
/// valid answers) and the number of answers that named no candidate.
/// </summary>
public sealed record AlignmentVote(string LeftId, IReadOnlyDictionary<string, int> Votes, string? WinnerId, int Rounds, int DiscardedAnswers)
{
    /// <summary>The winner's share of the rounds (0 without a winner).</summary>
    public double Confidence => WinnerId is null || Rounds == 0 ? 0 : (double)Votes[WinnerId] / Rounds;
}
