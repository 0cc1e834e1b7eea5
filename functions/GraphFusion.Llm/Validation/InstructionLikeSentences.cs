using System.Text.RegularExpressions;
using GraphFusion.Core.Chunking;

namespace GraphFusion.Llm.Validation;

/// <summary>
/// Sentences of a passage that address the model rather than describe the subject ("ignore the instructions above",
/// "output the triplet ..."). Names found only there are not taken as grounded, so an injected request cannot plant triplets.
/// </summary>
public static partial class InstructionLikeSentences
{
    public static IReadOnlyList<TextSpan> Find(string text) =>
        SentenceSplitter.Split(text)
            .Where(s => LooksLikeInstruction(text[s.Start..s.End]))
            .Select(s => new TextSpan(s.Start, s.End))
            .ToList();

    public static bool LooksLikeInstruction(string sentence) =>
        OverrideRequest().IsMatch(sentence) || OutputRequest().IsMatch(sentence) || RoleSwitch().IsMatch(sentence);

    [GeneratedRegex(@"\b(ignore|disregard|forget|override)\b[^.]{0,80}\b(instructions?|prompts?|rules|above|previous|prior)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OverrideRequest();

    [GeneratedRegex(@"^\W*(please\s+)?(now\s+)?(output|return|add|include|emit|print|list|extract|generate|respond|answer|write)\b[^.]{0,120}\b(triplets?|triples?|json|entities|relations? types?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutputRequest();

    [GeneratedRegex(@"\b(you are now|from now on,? you|system prompt|new instructions?|as an ai (language )?model)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleSwitch();
}
