namespace GraphFusion.Core.Chunking;

/// <summary>A sentence as a character range of the text it came from.</summary>
public readonly record struct SentenceSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>Rule-based sentence boundaries: terminal punctuation before a capital or digit, paragraph breaks, common abbreviations kept.</summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "et al", "etc", "fig", "figs", "eq", "eqs", "vs", "cf", "dr", "mr", "mrs", "ms", "prof", "no", "vol", "approx", "sec", "al",
    };

    public static IReadOnlyList<SentenceSpan> Split(string text, int maxSentenceChars = 1_000)
    {
        var spans = new List<SentenceSpan>();
        var start = SkipSpace(text, 0);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            var boundary = false;
            var end = i + 1;
            if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                boundary = true;
                end = i;
            }
            else if (c is '.' or '!' or '?' && IsSentenceEnd(text, i))
            {
                boundary = true;
                while (end < text.Length && text[end] is '"' or '\'' or ')' or ']' or '”' or '’')
                {
                    end++;
                }
            }
            else if (i - start >= maxSentenceChars && char.IsWhiteSpace(c))
            {
                boundary = true;
                end = i;
            }

            if (boundary)
            {
                AddTrimmed(spans, text, start, end);
                start = SkipSpace(text, end);
                i = Math.Max(i, start - 1);
            }
        }

        AddTrimmed(spans, text, start, text.Length);
        return spans;
    }

    private static bool IsSentenceEnd(string text, int i)
    {
        var next = i + 1;
        while (next < text.Length && text[next] is '"' or '\'' or ')' or ']' or '”' or '’')
        {
            next++;
        }

        if (next >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        var after = SkipSpace(text, next);
        if (after < text.Length && !(char.IsUpper(text[after]) || char.IsDigit(text[after]) || text[after] is '"' or '(' or '[' or '“'))
        {
            return false;
        }

        if (text[i] != '.')
        {
            return true;
        }

        var wordStart = i;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..i].TrimStart('(', '[', '"');
        if (Abbreviations.Contains(word))
        {
            return false;
        }

        // A single capital letter before the period is an initial ("J. Smith"), not a sentence end.
        return !(word.Length == 1 && char.IsUpper(word[0]));
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static void AddTrimmed(List<SentenceSpan> spans, string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            spans.Add(new SentenceSpan(start, end));
        }
    }
}
