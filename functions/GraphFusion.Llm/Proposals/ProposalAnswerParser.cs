using System.Globalization;
using System.Text.RegularExpressions;
using GraphFusion.Core.Fusion.Proposals;

namespace GraphFusion.Llm.Proposals;

/// <summary>Reads the model's choice: the first number of the answer (0 or out of range: no relation); the rest is the reason.</summary>
public static partial class ProposalAnswerParser
{
    private const int MaxReasonLength = 300;

    public static ProposalAnswer Parse(string answer, int options)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var number = FirstNumber().Match(answer);
        var chosen = number.Success && int.TryParse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= options ? n : 0;
        var reason = (number.Success ? answer[(number.Index + number.Length)..] : answer).Trim().TrimStart('-', '–', '—', ':', '.', ')').Trim().ReplaceLineEndings(" ");
        if (reason.Length > MaxReasonLength)
        {
            reason = reason[..MaxReasonLength] + "…";
        }

        return new ProposalAnswer(chosen, reason.Length == 0 ? "no reason given" : reason);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
