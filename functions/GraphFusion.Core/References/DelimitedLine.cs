using System.Text;

namespace GraphFusion.Core.References;

/// <summary>
/// Splits one line of a CSV (comma, double quotes around fields that hold commas, <c>""</c> for a quote) or TSV
/// (tab, no quoting) file. Quoted fields may not span lines.
/// </summary>
public static class DelimitedLine
{
    /// <returns>The fields, or null with <paramref name="problem"/> set when a quote is left open or stray.</returns>
    public static List<string>? Split(string line, char separator, out string? problem)
    {
        problem = null;
        if (separator == '\t')
        {
            return [.. line.Split('\t').Select(f => f.Trim())];
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (!closed)
                {
                    problem = "a quoted field is not closed (quoted fields may not span lines)";
                    return null;
                }

                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }

                if (i < line.Length && line[i] != separator)
                {
                    problem = $"unexpected text after a closing quote at column {i + 1}";
                    return null;
                }
            }
            else
            {
                while (i < line.Length && line[i] != separator)
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString().Trim());
            if (i >= line.Length)
            {
                return fields;
            }

            i++;
        }
    }
}
