namespace GraphFusion.Core.Seeds;

/// <summary>Settings of the seed topic model. The number of topics is not one of them: it follows from <see cref="DistanceThreshold"/>.</summary>
public sealed record SeedModelOptions
{
    /// <summary>Largest mean cosine distance (1 - cosine) between the documents of two clusters that are merged.</summary>
    public double DistanceThreshold { get; init; } = 0.5;

    /// <summary>Longest candidate phrase, in content words.</summary>
    public int MaxPhraseWords { get; init; } = 4;

    /// <summary>
    /// Whether candidates starting with a generic modifier ("novel") or ending with a generic head ("results") are
    /// dropped. Off by default: <see cref="RelevanceExponent"/> demotes them without losing longer names that contain them.
    /// </summary>
    public bool DropGenericEnds { get; init; }

    /// <summary>
    /// Whether candidate n-grams may span punctuation, as a bag-of-n-grams vectoriser's do: "natural language
    /// generation (NLG)" then also yields "natural language generation nlg". On by default (it found more
    /// concepts on the ACL abstracts than clause-bounded n-grams did).
    /// </summary>
    public bool CrossClauses { get; init; } = true;

    /// <summary>
    /// Power of the phrase-to-centroid cosine (<see cref="CentroidRelevance"/>) that multiplies a phrase's rank
    /// weight; 0 ranks by c-TF-IDF alone. Measured on the ACL abstracts (<c>graphfusion eval seeds</c>) among 1, 2, 3,
    /// 4, 6 and 8: 4 gave the best recall at 100, 300 and 1000 seeds, 6 at 687 by embedding only.
    /// </summary>
    public double RelevanceExponent { get; init; } = 4;

    /// <summary>Phrases kept per cluster, best c-TF-IDF first.</summary>
    public int PhrasesPerCluster { get; init; } = 100;

    /// <summary>Factor on the c-TF-IDF score of one-word phrases: single words are frequent but rarely a concept alone.</summary>
    public double SingleWordWeight { get; init; } = 0.1;

    /// <summary>
    /// Factor on the c-TF-IDF score of phrases of three words or more. 1 (no preference) found more of the ACL
    /// abstracts' expert concepts than 1.5 or 2 once the centroid relevance weighs in.
    /// </summary>
    public double LongPhraseWeight { get; init; } = 1.0;

    /// <summary>
    /// Fewest documents a phrase must occur in to be a seed: a phrase of one document is rarely a corpus concept. 2, not 3:
    /// 70 of the 399 expert concepts that occur in the ACL abstracts occur in exactly two of them.
    /// </summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>A phrase is dropped when a longer phrase containing it accounts for this share of its occurrences.</summary>
    public double DominanceRatio { get; init; } = SubPhraseDominance.DefaultRatio;

    public void Validate()
    {
        if (DistanceThreshold is <= 0 or > 2 || double.IsNaN(DistanceThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(DistanceThreshold), DistanceThreshold, "Must be in (0, 2].");
        }

        if (SingleWordWeight is < 0 or > 1 || double.IsNaN(SingleWordWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(SingleWordWeight), SingleWordWeight, "Must be in [0, 1].");
        }

        if (LongPhraseWeight is <= 0 || double.IsNaN(LongPhraseWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(LongPhraseWeight), LongPhraseWeight, "Must be positive.");
        }

        if (DominanceRatio is <= 0 || double.IsNaN(DominanceRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(DominanceRatio), DominanceRatio, "Must be positive.");
        }

        if (RelevanceExponent is < 0 || double.IsNaN(RelevanceExponent))
        {
            throw new ArgumentOutOfRangeException(nameof(RelevanceExponent), RelevanceExponent, "Must be 0 or more.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinDocumentFrequency, 1, nameof(MinDocumentFrequency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPhraseWords, 1, nameof(MaxPhraseWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(PhrasesPerCluster, 1, nameof(PhrasesPerCluster));
    }
}
