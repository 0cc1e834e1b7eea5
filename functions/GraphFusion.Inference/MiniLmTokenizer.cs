using System.Text;
using Microsoft.ML.Tokenizers;

namespace GraphFusion.Inference;

/// <summary>
/// BERT uncased WordPiece tokenization as all-MiniLM-L6-v2 was trained with: lower casing, accent
/// stripping (NFD, non-spacing marks removed), punctuation and CJK splitting, [CLS] … [SEP].
/// </summary>
internal sealed class MiniLmTokenizer
{
    /// <summary>
    /// Stand-in for characters outside the Basic Multilingual Plane (emoji, …). The tokenizer drops
    /// UTF-16 surrogates, while the reference BERT tokenizer keeps such a character, which then
    /// makes its word [UNK]. U+2603 is a symbol that is not in the vocabulary, is not punctuation
    /// and has no decomposition, so it yields that same [UNK].
    /// </summary>
    private const char OutOfVocabularySymbol = '\u2603';

    /// <summary>Longest word the tokenizer maps to pieces; longer words become one [UNK].</summary>
    private const int MaxPiecesPerWord = 100;

    private readonly BertTokenizer _tokenizer;
    private readonly string[] _vocabulary;

    internal MiniLmTokenizer(string[] vocabulary, int maxSequenceLength)
    {
        _vocabulary = vocabulary;
        MaxSequenceLength = maxSequenceLength;
        var text = string.Join('\n', vocabulary) + "\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        _tokenizer = BertTokenizer.Create(stream, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            SplitOnSpecialTokens = false,
        });
        ClsId = _tokenizer.ClassificationTokenId;
        SepId = _tokenizer.SeparatorTokenId;
        PadId = _tokenizer.PaddingTokenId;
    }

    internal int MaxSequenceLength { get; }

    internal int ClsId { get; }

    internal int SepId { get; }

    internal int PadId { get; }

    /// <summary>Token ids with [CLS] and [SEP], truncated to <see cref="MaxSequenceLength"/>.</summary>
    internal int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = MaxSequenceLength - 2;
        // The tokenizer stops at a word boundary; asking for enough extra pieces to cover one more
        // whole word gives a prefix of the full tokenization that is at least `body` long whenever
        // the text has that many pieces, so the cut below falls exactly where a full encode would.
        var pieces = _tokenizer.EncodeToIds(Prepare(text), body + MaxPiecesPerWord, addSpecialTokens: false, out _, out _);
        var count = Math.Min(body, pieces.Count);
        var ids = new int[count + 2];
        ids[0] = ClsId;
        for (var i = 0; i < count; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = SepId;
        return ids;
    }

    internal string IdToToken(int id) => (uint)id < (uint)_vocabulary.Length ? _vocabulary[id] : "[UNK]";

    private static string Prepare(string text)
    {
        var hasSurrogate = false;
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                hasSurrogate = true;
                break;
            }
        }

        if (!hasSurrogate)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(OutOfVocabularySymbol);
                i++;
            }
            else if (!char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
