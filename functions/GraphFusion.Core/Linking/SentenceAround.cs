namespace GraphFusion.Core.Linking;

/// <summary>The sentence of a text that holds a character span: from the previous sentence end to the next one.</summary>
public static class SentenceAround
{
    private const int MaxChars = 600;

    public static string Of(string text, int start, int end)
    {
        if (string.IsNullOrEmpty(text) || start < 0 || start >= text.Length)
        {
            return "";
        }

        end = Math.Clamp(end, start, text.Length);
        var from = start;
        while (from > 0 && start - from < MaxChars && !IsBoundary(text, from - 1))
        {
            from--;
        }

        var to = end;
        while (to < text.Length && to - end < MaxChars && !IsBoundary(text, to))
        {
            to++;
        }

        return text[from..Math.Min(text.Length, to + 1)].Trim();
    }

    private static bool IsBoundary(string text, int at) =>
        text[at] is '\n' or '!' or '?' || (text[at] == '.' && (at + 1 == text.Length || char.IsWhiteSpace(text[at + 1])));
}
