using System.Text;

namespace GraphFusion.Llm.Parsing;

/// <summary>
/// Turns almost-JSON from chat models into JSON: strips code fences and prose around the value, rewrites single-quoted
/// strings, drops trailing commas, and closes a truncated answer after its last complete element.
/// </summary>
public static class JsonRepair
{
    /// <summary>The JSON value in the answer with code fences and surrounding prose removed, or null when there is none.</summary>
    public static string? ExtractValue(string answer)
    {
        var text = StripCodeFences(answer);
        var start = text.IndexOfAny(['{', '[']);
        return start < 0 ? null : text[start..].Trim();
    }

    /// <summary>Repairs <paramref name="json"/> (which starts at its first bracket); the result may still be invalid.</summary>
    public static string Repair(string json)
    {
        var output = new StringBuilder(json.Length + 8);
        var stack = new Stack<char>();
        var checkpointLength = 0;
        var checkpointStack = string.Empty;
        char? quote = null;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (quote is not null)
            {
                i = CopyStringChar(json, i, quote.Value, output, out var closed);
                if (closed)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    output.Append('"');
                    break;
                case '{' or '[':
                    stack.Push(c);
                    output.Append(c);
                    break;
                case '}' or ']':
                    if (stack.Count == 0)
                    {
                        return output.ToString();
                    }

                    stack.Pop();
                    output.Append(c);
                    checkpointLength = output.Length;
                    checkpointStack = new string([.. stack]);
                    if (stack.Count == 0)
                    {
                        return output.ToString();
                    }

                    break;
                case ',':
                    if (!NextIsCloserOrEnd(json, i + 1))
                    {
                        output.Append(c);
                    }

                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        if (stack.Count == 0 && quote is null)
        {
            return output.ToString();
        }

        // Truncated: keep everything up to the last complete element, then close what was open there.
        var repaired = new StringBuilder(output.ToString(0, checkpointLength).TrimEnd().TrimEnd(','));
        if (checkpointLength == 0)
        {
            repaired.Append(json[0]);
            checkpointStack = json[0].ToString();
        }

        foreach (var open in checkpointStack)
        {
            repaired.Append(open == '{' ? '}' : ']');
        }

        return repaired.ToString();
    }

    private static int CopyStringChar(string json, int i, char quote, StringBuilder output, out bool closed)
    {
        closed = false;
        var c = json[i];
        if (c == '\\' && i + 1 < json.Length)
        {
            var next = json[i + 1];
            if (next == '\'')
            {
                output.Append('\'');
            }
            else
            {
                output.Append(c).Append(next);
            }

            return i + 1;
        }

        if (c == quote)
        {
            closed = true;
            output.Append('"');
        }
        else if (c == '"')
        {
            output.Append("\\\"");
        }
        else if (c is '\n' or '\r' or '\t')
        {
            output.Append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
        }
        else
        {
            output.Append(c);
        }

        return i;
    }

    private static bool NextIsCloserOrEnd(string json, int from)
    {
        for (var j = from; j < json.Length; j++)
        {
            if (!char.IsWhiteSpace(json[j]))
            {
                return json[j] is '}' or ']';
            }
        }

        return true;
    }

    private static string StripCodeFences(string answer)
    {
        var text = answer.Trim();
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence < 0)
        {
            return text;
        }

        var bodyStart = text.IndexOf('\n', fence);
        if (bodyStart < 0)
        {
            return text;
        }

        var close = text.IndexOf("```", bodyStart, StringComparison.Ordinal);
        return close < 0 ? text[(bodyStart + 1)..] : text[(bodyStart + 1)..close];
    }
}
