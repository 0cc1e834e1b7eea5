namespace GraphFusion.Llm.Parsing;

/// <summary>The model's answer could not be read as the expected JSON, even after repair.</summary>
public sealed class LlmResponseFormatException(string reason, string answerExcerpt, Exception? inner = null)
    : Exception($"{reason} Answer starts with: \"{answerExcerpt}\"", inner)
{
    /// <summary>What was wrong, without the excerpt.</summary>
    public string Reason { get; } = reason;

    public string AnswerExcerpt { get; } = answerExcerpt;

    internal static string Excerpt(string answer) => answer.Length <= 200 ? answer : answer[..200] + "...";
}
