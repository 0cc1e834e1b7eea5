namespace GraphFusion.Llm.Alignment;

/// <summary>
/// The order candidates are shown in, per round: one seeded shuffle, then rotated by the round number, so that over
/// as many rounds as candidates every candidate is shown in every position once. A model that prefers a position
/// then spreads its votes instead of electing whichever candidate sits there.
/// </summary>
public static class CandidateOrder
{
    /// <returns>For each shown position, the index of the candidate shown there.</returns>
    public static int[] For(int candidates, int round, string seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        var order = Enumerable.Range(0, candidates).ToArray();
        new Random(StableHash(seed)).Shuffle(order);
        return candidates == 0 ? order : [.. order.Select((_, position) => order[(position + round) % candidates])];
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
