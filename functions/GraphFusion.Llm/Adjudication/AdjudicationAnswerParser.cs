using System.Globalization;
using System.Text.RegularExpressions;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Graph;

namespace GraphFusion.Llm.Adjudication;

/// <summary>
/// Reads the model's choice: the first number of the answer (1-based among the candidates shown), or failing that the one
/// candidate whose name the answer quotes; anything else is an abstention. The rest of the answer is kept as the reason.
/// </summary>
public static partial class AdjudicationAnswerParser
{
    private const int MaxReasonLength = 300;

    public static AdjudicationAnswer Parse(string answer, IReadOnlyList<RelationType> candidates)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(candidates);
        var number = FirstNumber().Match(answer);
        string? chosen;
        string reason;
        if (number.Success)
        {
            chosen = int.TryParse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= candidates.Count
                ? candidates[n - 1].Name
                : null;
            reason = answer[(number.Index + number.Length)..];
        }
        else
        {
            var named = candidates.Where(c => answer.Contains(c.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            chosen = named.Count == 1 ? named[0].Name : null;
            reason = answer;
        }

        reason = reason.Trim().TrimStart('-', '–', '—', ':', '.', ')').Trim().ReplaceLineEndings(" ");
        if (reason.Length > MaxReasonLength)
        {
            reason = reason[..MaxReasonLength] + "…";
        }

        return new AdjudicationAnswer(chosen, reason.Length == 0 ? "no reason given" : reason);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
