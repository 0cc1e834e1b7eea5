namespace GraphFusion.Core.Alignment;

/// <summary>
/// Character n-gram TF-IDF vectors of folded names. Each word is padded with spaces, so "paris" gives
/// " pa", "par", "ari", "ris", "is " for n = 3. Weights are (1 + log tf) · idf with idf from both sides
/// together, and vectors are L2-normalised so a dot product is a cosine.
/// </summary>
public sealed class CharNGramVectorizer
{
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<int> _documentFrequency = [];
    private readonly int _minN;
    private readonly int _maxN;
    private int _documents;

    /// <param name="minN">Shortest n-gram.</param>
    /// <param name="maxN">Longest n-gram.</param>
    public CharNGramVectorizer(int minN = 2, int maxN = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minN, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxN, minN);
        _minN = minN;
        _maxN = maxN;
    }

    /// <summary>Number of distinct n-grams seen.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>Counts the n-grams of a corpus of folded names (call for both sides before <see cref="Vectorize"/>).</summary>
    public void Fit(IEnumerable<string> foldedNames)
    {
        ArgumentNullException.ThrowIfNull(foldedNames);
        foreach (var name in foldedNames)
        {
            _documents++;
            foreach (var gram in Grams(name).Distinct(StringComparer.Ordinal))
            {
                if (!_vocabulary.TryGetValue(gram, out var id))
                {
                    id = _vocabulary.Count;
                    _vocabulary[gram] = id;
                    _documentFrequency.Add(0);
                }

                _documentFrequency[id]++;
            }
        }
    }

    /// <summary>The normalised TF-IDF vector of a folded name; n-grams never fitted are ignored.</summary>
    public SparseVector Vectorize(string foldedName)
    {
        var counts = new Dictionary<int, int>();
        foreach (var gram in Grams(foldedName))
        {
            if (_vocabulary.TryGetValue(gram, out var id))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return SparseVector.Empty;
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new float[indices.Length];
        double norm = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var idf = Math.Log((1.0 + _documents) / (1.0 + _documentFrequency[indices[i]])) + 1.0;
            var w = (1.0 + Math.Log(counts[indices[i]])) * idf;
            values[i] = (float)w;
            norm += w * w;
        }

        var scale = (float)(1.0 / Math.Sqrt(norm));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }

        return new SparseVector(indices, values);
    }

    private IEnumerable<string> Grams(string folded)
    {
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = " " + word + " ";
            for (var n = _minN; n <= _maxN; n++)
            {
                for (var i = 0; i + n <= padded.Length; i++)
                {
                    yield return padded.Substring(i, n);
                }
            }
        }
    }
}
