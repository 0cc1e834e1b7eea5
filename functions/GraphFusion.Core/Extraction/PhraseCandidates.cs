using System.Text.RegularExpressions;
using GraphFusion.Core.Chunking;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Extraction;

/// <summary>A candidate concept phrase with its position in the chunk.</summary>
public sealed record PhraseCandidate(string Surface, int Start, int End, double Confidence);

/// <summary>Maximal runs of content words between stop words and punctuation, trimmed of generic words.</summary>
public static partial class PhraseCandidates
{
    private const int MaxWords = 5;

    public static IReadOnlyList<PhraseCandidate> Find(string text, SentenceSpan sentence)
    {
        var words = Word().Matches(text, sentence.Start).TakeWhile(m => m.Index < sentence.End).ToList();
        var candidates = new List<PhraseCandidate>();
        var run = new List<Match>();
        for (var i = 0; i <= words.Count; i++)
        {
            var breaks = i == words.Count || StopWords.IsStop(words[i].Value) || (run.Count > 0 && HasBreakBetween(text, run[^1], words[i]));
            if (!breaks)
            {
                run.Add(words[i]);
                continue;
            }

            AddRun(text, run, candidates);
            run.Clear();
            if (i < words.Count && !StopWords.IsStop(words[i].Value))
            {
                run.Add(words[i]);
            }
        }

        return candidates;
    }

    private static bool HasBreakBetween(string text, Match left, Match right)
    {
        var gap = text.AsSpan(left.Index + left.Length, right.Index - left.Index - left.Length);
        foreach (var c in gap)
        {
            if (!char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddRun(string text, List<Match> run, List<PhraseCandidate> candidates)
    {
        // Generic leading/trailing words ("novel", "results") are not part of a concept name.
        var first = 0;
        var last = run.Count - 1;
        while (first <= last && StopWords.IsGenericModifier(run[first].Value))
        {
            first++;
        }

        while (last >= first && StopWords.IsGenericHead(run[last].Value))
        {
            last--;
        }

        if (first > last)
        {
            return;
        }

        if (last - first + 1 > MaxWords)
        {
            first = last - MaxWords + 1;
        }

        var start = run[first].Index;
        var end = run[last].Index + run[last].Length;
        var surface = Whitespace().Replace(text[start..end], " ");
        var wordCount = last - first + 1;
        if (wordCount == 1 && !IsConceptWord(surface))
        {
            return;
        }

        if (surface.All(c => char.IsDigit(c) || c is '-' or '.'))
        {
            return;
        }

        var confidence = wordCount == 1 ? 0.5 : Math.Min(0.9, 0.55 + (0.1 * wordCount));
        candidates.Add(new PhraseCandidate(surface, start, end, confidence));
    }

    // A single word is a concept only when it is distinctive: an acronym, a capitalised name, or a technical word.
    private static bool IsConceptWord(string word) =>
        (word.Length >= 3 && (NameNormalizer.LooksLikeAcronym(word) || word.Skip(1).Any(char.IsUpper) || EntityTyper.IsTechnicalHead(word)))
        || (word.Length >= 2 && word.Any(char.IsDigit) && word.Any(char.IsUpper));

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-+#']*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
