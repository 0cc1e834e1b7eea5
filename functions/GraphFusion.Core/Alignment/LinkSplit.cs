namespace GraphFusion.Core.Alignment;

/// <summary>Seeds and test pairs for an evaluation.</summary>
/// <param name="Seeds">Known pairs given to the aligner.</param>
/// <param name="Test">Pairs to evaluate.</param>
public sealed record LinkSplit(IReadOnlyList<EntityLink> Seeds, IReadOnlyList<EntityLink> Test)
{
    /// <summary>
    /// The dataset's test links with all train links as seeds when it has test links; otherwise a seeded
    /// shuffle of the train links with <paramref name="holdout"/> of them held out for testing.
    /// </summary>
    public static LinkSplit Of(AlignmentDataset data, double holdout, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TestLinks is { Count: > 0 } test)
        {
            return new LinkSplit(data.TrainLinks, test);
        }

        if (holdout is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(holdout), holdout, "The holdout fraction must be between 0 and 1.");
        }

        var shuffled = data.TrainLinks.ToArray();
        new Random(seed).Shuffle(shuffled);
        var testCount = (int)Math.Round(shuffled.Length * holdout);
        return new LinkSplit(shuffled[testCount..], shuffled[..testCount]);
    }
}
