using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GraphFusion.Core.Fusion.Matching;

public sealed record RecordScorerOptions
{
    /// <summary>Share of the score given to the first (naming) attribute, such as a title; the rest is split among the other text attributes.</summary>
    public double PrimaryWeight { get; init; } = 0.6;

    /// <summary>Factor applied when a numeric attribute (a year) is present on both sides and differs.</summary>
    public double NumericMismatchFactor { get; init; } = 0.55;

    /// <summary>Weight of word TF-IDF cosine against character trigram cosine in a text attribute's similarity.</summary>
    public double WordWeight { get; init; } = 0.6;

    /// <summary>Score from which a pair is declared a match.</summary>
    public double Threshold { get; init; } = 0.75;
}

/// <summary>
/// Scores pairs of structured records without training: per attribute, word TF-IDF cosine (document frequencies
/// from the records themselves, no labels) blended with character trigram cosine; numeric attributes such as years
/// must agree; the naming attribute weighs most; acronym venues count as their expansions.
/// </summary>
public sealed partial class RecordPairScorer
{
    private readonly RecordScorerOptions options;
    private readonly Dictionary<string, Dictionary<string, int>> documentFrequency = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> numeric = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> attributes = [];
    private readonly int documents;

    public RecordPairScorer(IEnumerable<MatchRecord> records, RecordScorerOptions options)
    {
        this.options = options;
        var numericVotes = new Dictionary<string, (int Numbers, int Values)>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            documents++;
            foreach (var (name, value) in record.Attributes)
            {
                if (!attributes.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    attributes.Add(name);
                }

                if (value.Length == 0)
                {
                    continue;
                }

                var (numbers, values) = numericVotes.GetValueOrDefault(name);
                numericVotes[name] = (numbers + (IsNumber(value) ? 1 : 0), values + 1);
                var df = documentFrequency.TryGetValue(name, out var d) ? d : documentFrequency[name] = new(StringComparer.Ordinal);
                foreach (var word in Words(value).Distinct(StringComparer.Ordinal))
                {
                    df[word] = df.GetValueOrDefault(word) + 1;
                }
            }
        }

        foreach (var (name, (numbers, values)) in numericVotes)
        {
            if (numbers >= 0.9 * values)
            {
                numeric.Add(name);
            }
        }
    }

    public RecordScorerOptions Options => options;

    public bool IsMatch(MatchRecord left, MatchRecord right) => Score(left, right) >= options.Threshold;

    public double Score(MatchRecord left, MatchRecord right)
    {
        var text = attributes.Where(a => !numeric.Contains(a)).ToList();
        if (text.Count == 0)
        {
            return 0;
        }

        double total = 0, weights = 0;
        for (var i = 0; i < text.Count; i++)
        {
            var (a, b) = (left.Get(text[i]), right.Get(text[i]));
            if (a.Length == 0 || b.Length == 0)
            {
                continue;
            }

            var weight = i == 0 ? options.PrimaryWeight : (1 - options.PrimaryWeight) / Math.Max(1, text.Count - 1);
            total += weight * TextScore(text[i], a, b);
            weights += weight;
        }

        var score = weights == 0 ? 0 : total / weights;
        foreach (var name in numeric)
        {
            var (a, b) = (left.Get(name), right.Get(name));
            if (a.Length > 0 && b.Length > 0 && IsNumber(a) && IsNumber(b) && Number(a) != Number(b))
            {
                score *= options.NumericMismatchFactor;
            }
        }

        return score;
    }

    private double TextScore(string attribute, string a, string b)
    {
        if (Acronym(a, b) || Acronym(b, a))
        {
            return 1;
        }

        var words = TextSimilarity.Cosine(Weights(attribute, a), Weights(attribute, b));
        var chars = TextSimilarity.Cosine(TextSimilarity.CharGrams(Compact(a)), TextSimilarity.CharGrams(Compact(b)));
        return options.WordWeight * words + (1 - options.WordWeight) * chars;
    }

    // "vldb" and "very large data bases": the short value spells the initials of the long one.
    private static bool Acronym(string shortValue, string longValue)
    {
        var shortWords = Words(shortValue).ToList();
        var longWords = Words(longValue).ToList();
        if (shortWords.Count != 1 || shortWords[0].Length < 2 || longWords.Count < 2)
        {
            return false;
        }

        return TextSimilarity.Initials(longWords).Contains(shortWords[0], StringComparer.Ordinal);
    }

    private Dictionary<string, double> Weights(string attribute, string value)
    {
        var df = documentFrequency.GetValueOrDefault(attribute);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in Words(value))
        {
            var idf = Math.Log((1.0 + documents) / (1.0 + (df?.GetValueOrDefault(word) ?? 0))) + 1;
            weights[word] = weights.GetValueOrDefault(word) + idf;
        }

        return weights;
    }

    private static IEnumerable<string> Words(string value) =>
        WordPattern().Matches(Decode(value).ToLowerInvariant()).Select(m => m.Value);

    private static string Compact(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in Decode(value).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Some sources escape accents as numeric entities ("h &#246; ppler").
    private static string Decode(string value) =>
        value.Contains("&#", StringComparison.Ordinal) ? EntityPattern().Replace(value, m => ((char)int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToString()) : value;

    private static bool IsNumber(string value) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s*&#(\d{1,5});\s*")]
    private static partial Regex EntityPattern();
}
