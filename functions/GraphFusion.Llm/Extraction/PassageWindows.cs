using GraphFusion.Core.Chunking;
using GraphFusion.Llm.Tokens;
using GraphFusion.Llm.Validation;

namespace GraphFusion.Llm.Extraction;

/// <summary>
/// Splits a chunk into passages of at most a token budget each, at sentence boundaries; a single sentence over the budget
/// is cut at the budget. Most chunks fit whole and give one passage.
/// </summary>
public static class PassageWindows
{
    public static IReadOnlyList<TextSpan> Split(string text, ITokenCounter counter, int maxTokens)
    {
        if (counter.Count(text) <= maxTokens)
        {
            return [new TextSpan(0, text.Length)];
        }

        var windows = new List<TextSpan>();
        var start = -1;
        var end = -1;
        var tokens = 0;
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var sentenceTokens = counter.Count(text[sentence.Start..sentence.End]);
            if (start >= 0 && tokens + sentenceTokens > maxTokens)
            {
                windows.Add(new TextSpan(start, end));
                start = -1;
                tokens = 0;
            }

            if (sentenceTokens > maxTokens)
            {
                windows.AddRange(CutLongSentence(text, sentence, counter, maxTokens));
                continue;
            }

            start = start < 0 ? sentence.Start : start;
            end = sentence.End;
            tokens += sentenceTokens;
        }

        if (start >= 0)
        {
            windows.Add(new TextSpan(start, end));
        }

        return windows;
    }

    private static IEnumerable<TextSpan> CutLongSentence(string text, SentenceSpan sentence, ITokenCounter counter, int maxTokens)
    {
        var position = sentence.Start;
        while (position < sentence.End)
        {
            var length = Math.Max(1, counter.PrefixLength(text[position..sentence.End], maxTokens));
            yield return new TextSpan(position, position + length);
            position += length;
        }
    }
}
