namespace GraphFusion.Core.Seeds;

/// <summary>
/// Drops a phrase that mostly occurs inside a longer phrase: "neural" goes when "neural network" accounts
/// for at least <c>ratio</c> of its occurrences. Keys are word sequences (see <see cref="SeedKey"/>).
/// </summary>
public static class SubPhraseDominance
{
    public const double DefaultRatio = 1.0;

    /// <summary>The phrases of <paramref name="counts"/> that no longer phrase dominates.</summary>
    public static IReadOnlySet<string> Dominated(IReadOnlyDictionary<string, int> counts, IEnumerable<string> keys, double ratio = DefaultRatio)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(keys);
        var dominated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var count = counts.GetValueOrDefault(key);
            if (count == 0)
            {
                continue;
            }

            foreach (var sub in SubPhrases(key))
            {
                if (counts.GetValueOrDefault(sub) is var subCount && subCount > 0 && count >= ratio * subCount)
                {
                    dominated.Add(sub);
                }
            }
        }

        return dominated;
    }

    /// <summary>The contiguous shorter word sequences of <paramref name="key"/>.</summary>
    public static IEnumerable<string> SubPhrases(string key)
    {
        var words = key.Split(' ');
        for (var length = words.Length - 1; length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                yield return string.Join(' ', words, start, length);
            }
        }
    }
}
