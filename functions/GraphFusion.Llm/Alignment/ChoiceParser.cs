using System.Globalization;
using System.Text.RegularExpressions;

namespace GraphFusion.Llm.Alignment;

/// <summary>
/// Reads the model's choice: the first number in the answer, or failing that the one shown candidate whose name the
/// answer quotes. Null when the answer names no shown candidate (0, an out-of-range number, an invented name).
/// </summary>
public static partial class ChoiceParser
{
    /// <returns>The 0-based shown position, or null.</returns>
    public static int? Parse(string answer, IReadOnlyList<EntityProfile> shown)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var number = FirstNumber().Match(answer);
        if (number.Success)
        {
            return int.TryParse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= shown.Count ? n - 1 : null;
        }

        var named = shown.Select((c, i) => (c, i)).Where(x => answer.Contains(x.c.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count == 1 ? named[0].i : null;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
