using FastBertTokenizer;

namespace GraphFusion.Inference;

/// <summary>
/// BERT uncased WordPiece tokenization as all-MiniLM-L6-v2 was trained with: text cleaning, lower
/// casing, accent stripping (NFD, non-spacing marks removed), punctuation and CJK splitting,
/// [CLS] … [SEP], truncation inside a word when the limit falls there (as the reference
/// tokenizer truncates).
/// </summary>
internal sealed class MiniLmTokenizer
{
    private readonly BertTokenizer _tokenizer = new();
    private readonly Lock _gate = new();
    private readonly string[] _vocabulary;

    internal MiniLmTokenizer(string[] vocabulary, int maxSequenceLength)
    {
        _vocabulary = vocabulary;
        MaxSequenceLength = maxSequenceLength;
        using var reader = new StringReader(string.Join('\n', vocabulary));
        _tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        PadId = Array.IndexOf(vocabulary, "[PAD]");
    }

    internal int MaxSequenceLength { get; }

    internal int PadId { get; }

    /// <summary>Token ids with [CLS] and [SEP], truncated to <see cref="MaxSequenceLength"/>.</summary>
    internal int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            // The tokenizer reuses its output buffers: copy before the next call.
            var (ids, _, _) = _tokenizer.Encode(text, MaxSequenceLength);
            var span = ids.Span;
            var result = new int[span.Length];
            for (var i = 0; i < span.Length; i++)
            {
                result[i] = checked((int)span[i]);
            }

            return result;
        }
    }

    internal string IdToToken(int id) => (uint)id < (uint)_vocabulary.Length ? _vocabulary[id] : "[UNK]";
}
