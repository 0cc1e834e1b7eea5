namespace GraphFusion.Core.Seeds;

/// <summary>Settings of the seed topic model. The number of topics is not one of them: it follows from <see cref="DistanceThreshold"/>.</summary>
public sealed record SeedModelOptions
{
    /// <summary>Largest mean cosine distance (1 - cosine) between the documents of two clusters that are merged.</summary>
    public double DistanceThreshold { get; init; } = 0.7;

    /// <summary>Longest candidate phrase, in content words.</summary>
    public int MaxPhraseWords { get; init; } = 4;

    /// <summary>Phrases kept per cluster, best c-TF-IDF first.</summary>
    public int PhrasesPerCluster { get; init; } = 30;

    public void Validate()
    {
        if (DistanceThreshold is <= 0 or > 2 || double.IsNaN(DistanceThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(DistanceThreshold), DistanceThreshold, "Must be in (0, 2].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPhraseWords, 1, nameof(MaxPhraseWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(PhrasesPerCluster, 1, nameof(PhrasesPerCluster));
    }
}
