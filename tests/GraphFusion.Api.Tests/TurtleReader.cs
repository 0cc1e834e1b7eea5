using System.Text;

namespace GraphFusion.Api.Tests;

/// <summary>
/// A minimal Turtle reader for the subset the exporter writes: @prefix, IRIs, prefixed names, <c>a</c>, string literals
/// with escapes and optional ^^datatype, bare numbers and booleans, and the <c>; , .</c> punctuation. Literals come back
/// as <c>"text"</c> (unescaped), IRIs expanded.
/// </summary>
internal static class TurtleReader
{
    public sealed record Triple(string Subject, string Predicate, string Object);

    public static List<Triple> Parse(string text)
    {
        var tokens = Tokenize(text);
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var triples = new List<Triple>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i] == "@prefix")
            {
                prefixes[tokens[i + 1].TrimEnd(':')] = tokens[i + 2][1..^1];
                Expect(tokens, i + 3, ".");
                i += 4;
                continue;
            }

            var subject = Term(tokens[i++], prefixes);
            while (true)
            {
                var predicate = tokens[i] == "a" ? "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" : Term(tokens[i], prefixes);
                i++;
                while (true)
                {
                    var obj = Term(tokens[i++], prefixes);
                    if (i < tokens.Count && tokens[i] == "^^")
                    {
                        Term(tokens[i + 1], prefixes);
                        i += 2;
                    }

                    triples.Add(new Triple(subject, predicate, obj));
                    if (tokens[i] != ",")
                    {
                        break;
                    }

                    i++;
                }

                if (tokens[i] == ";")
                {
                    i++;
                    continue;
                }

                Expect(tokens, i, ".");
                i++;
                break;
            }
        }

        return triples;
    }

    private static void Expect(List<string> tokens, int index, string expected)
    {
        if (tokens[index] != expected)
        {
            throw new FormatException($"expected '{expected}' at token {index}, found '{tokens[index]}'");
        }
    }

    private static string Term(string token, Dictionary<string, string> prefixes)
    {
        if (token.StartsWith('<'))
        {
            return token[1..^1];
        }

        if (token.StartsWith('"') || token is "true" or "false" || char.IsDigit(token[0]) || token[0] == '-')
        {
            return token;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && prefixes.TryGetValue(token[..colon], out var ns) ? ns + token[(colon + 1)..] : throw new FormatException($"unknown term {token}");
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '<')
            {
                var end = text.IndexOf('>', i);
                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c == '"')
            {
                var literal = new StringBuilder("\"");
                for (i++; text[i] != '"'; i++)
                {
                    if (text[i] == '\\')
                    {
                        i++;
                        literal.Append(text[i] switch
                        {
                            'n' => "\n",
                            'r' => "\r",
                            't' => "\t",
                            'u' => ((char)Convert.ToInt32(text.Substring(i + 1, 4), 16)).ToString(),
                            _ => text[i].ToString(),
                        });
                        if (text[i] == 'u')
                        {
                            i += 4;
                        }
                    }
                    else
                    {
                        literal.Append(text[i]);
                    }
                }

                tokens.Add(literal.Append('"').ToString());
                i++;
            }
            else if (c is ';' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '^' && text[i + 1] == '^')
            {
                tokens.Add("^^");
                i += 2;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (';' or ',' or '"' or '<' or '^'))
                {
                    i++;
                }

                var word = text[start..i];
                if (word.Length > 1 && word.EndsWith('.') && !word.StartsWith('@'))
                {
                    tokens.Add(word[..^1]);
                    tokens.Add(".");
                }
                else
                {
                    tokens.Add(word);
                }
            }
        }

        return tokens;
    }
}
