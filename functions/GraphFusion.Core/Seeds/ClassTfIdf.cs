namespace GraphFusion.Core.Seeds;

/// <summary>
/// Class-based TF-IDF (as in BERTopic): all documents of a cluster form one class; a phrase's weight in a
/// class is its L1-normalised frequency there times <c>log(1 + A / f)</c>, where <c>f</c> is its
/// frequency in the whole corpus and <c>A</c> the mean number of phrase occurrences per class.
/// </summary>
public static class ClassTfIdf
{
    /// <summary>The mean number of phrase occurrences per class, the <c>A</c> of the formula.</summary>
    public static double AverageClassSize(IEnumerable<IReadOnlyDictionary<string, int>> classes)
    {
        var totals = classes.Select(c => (double)c.Values.Sum()).ToArray();
        return totals.Length == 0 ? 0 : totals.Average();
    }

    /// <summary>Scores every phrase of one class, best first (ties by key).</summary>
    public static IReadOnlyList<(string Key, double Score)> Score(
        IReadOnlyDictionary<string, int> classCounts, IReadOnlyDictionary<string, int> corpusFrequencies, double averageClassSize)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        ArgumentNullException.ThrowIfNull(corpusFrequencies);
        double total = classCounts.Values.Sum();
        if (total <= 0)
        {
            return [];
        }

        return [.. classCounts
            .Select(pair =>
            {
                var frequency = Math.Max(1, corpusFrequencies.GetValueOrDefault(pair.Key, pair.Value));
                return (pair.Key, Score: pair.Value / total * Math.Log(1 + (averageClassSize / frequency)));
            })
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Key, StringComparer.Ordinal)];
    }
}
