using System.Numerics.Tensors;

namespace GraphFusion.Inference.Extraction;

/// <summary>
/// Encoder vectors for the words of one sentence: the first and last word piece of each word and the
/// mean of its pieces, each <c>Count × Dimensions</c> row-major.
/// </summary>
internal sealed class WordFeatures
{
    internal WordFeatures(int count, int dimensions, float[] first, float[] last, float[] mean)
    {
        Count = count;
        Dimensions = dimensions;
        First = first;
        Last = last;
        Mean = mean;
    }

    internal int Count { get; }

    internal int Dimensions { get; }

    internal float[] First { get; }

    internal float[] Last { get; }

    internal float[] Mean { get; }

    /// <summary>Builds word vectors from one text's token states, given how many pieces each word has.</summary>
    internal static WordFeatures FromTokens(TokenStates states, IReadOnlyList<int> piecesPerWord)
    {
        var d = states.HiddenSize;
        var n = piecesPerWord.Count;
        var first = new float[n * d];
        var last = new float[n * d];
        var mean = new float[n * d];
        var lastPiece = states.Count - 2; // pieces are 1..Count-2 ([CLS] and [SEP] excluded)
        var piece = 1;
        for (var w = 0; w < n; w++)
        {
            var count = piecesPerWord[w];
            var from = Math.Clamp(piece, 1, Math.Max(1, lastPiece));
            var to = Math.Clamp(piece + Math.Max(count, 1) - 1, from, Math.Max(1, lastPiece));
            states[from].CopyTo(first.AsSpan(w * d, d));
            states[to].CopyTo(last.AsSpan(w * d, d));
            var meanRow = mean.AsSpan(w * d, d);
            for (var p = from; p <= to; p++)
            {
                TensorPrimitives.Add(meanRow, states[p], meanRow);
            }

            TensorPrimitives.Multiply(meanRow, 1f / (to - from + 1), meanRow);
            piece += count;
        }

        return new WordFeatures(n, d, first, last, mean);
    }
}

/// <summary>Runs the encoder over sentences given as words (batched) and returns word vectors.</summary>
internal sealed class SentenceFeaturizer
{
    /// <summary>Sentences with more words are cut into windows of this many words before encoding.</summary>
    internal const int MaxWordsPerWindow = 100;

    private readonly MiniLmEncoder _encoder;
    private readonly Dictionary<string, int> _pieceCounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal SentenceFeaturizer(MiniLmEncoder encoder, int layer)
    {
        _encoder = encoder;
        Layer = layer;
    }

    internal int Layer { get; }

    /// <summary>Word vectors for each sentence (given as words, at most <see cref="MaxWordsPerWindow"/> each).</summary>
    internal WordFeatures[] Featurize(IReadOnlyList<IReadOnlyList<string>> sentences, CancellationToken cancellationToken)
    {
        var texts = new string[sentences.Count];
        var pieces = new int[sentences.Count][];
        for (var i = 0; i < sentences.Count; i++)
        {
            var words = sentences[i];
            texts[i] = string.Join(' ', words);
            pieces[i] = new int[words.Count];
            for (var w = 0; w < words.Count; w++)
            {
                pieces[i][w] = PieceCount(words[w]);
            }
        }

        var states = _encoder.EncodeTokens(texts, Layer, cancellationToken);
        var result = new WordFeatures[sentences.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = WordFeatures.FromTokens(states[i], pieces[i]);
        }

        return result;
    }

    private int PieceCount(string word)
    {
        lock (_gate)
        {
            if (!_pieceCounts.TryGetValue(word, out var count))
            {
                count = _encoder.Tokenize(word).Count - 2;
                if (_pieceCounts.Count < 200_000)
                {
                    _pieceCounts[word] = count;
                }
            }

            return count;
        }
    }
}
