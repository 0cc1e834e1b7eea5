using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Fusion;

/// <summary>
/// Blocking keys of a concept key: keys that could name the same concept share one ("pre training" and "pretraining" share
/// their compact form; "lstm" and "long short term memory" their initials; word orders their sorted form). They are stored
/// as alias claims, so that fusing any key loads every key it could merge with, and merging stays a function of the claims.
/// </summary>
public static class BlockKeys
{
    public const string Prefix = "#";

    private static readonly HashSet<string> Connectives = new(StringComparer.Ordinal) { "of", "and", "for", "the", "in", "on", "to", "a", "an", "with", "by" };

    public static bool IsBlockKey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    public static IReadOnlyList<string> For(string key)
    {
        var tokens = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return [];
        }

        var blocks = new List<string>();
        if (tokens.Length > 1)
        {
            blocks.Add(Prefix + "c:" + string.Concat(tokens));
            blocks.Add(Prefix + "s:" + string.Join(' ', tokens.Order(StringComparer.Ordinal)));
            var initials = string.Concat(tokens.Where(t => !Connectives.Contains(t)).Select(t => t[0]));
            if (initials.Length is >= 3 and <= 8)
            {
                blocks.Add(Prefix + "a:" + initials);
            }
        }
        else if (key.Length is >= 3 and <= 8 && key.All(char.IsLetterOrDigit))
        {
            blocks.Add(Prefix + "a:" + new string(key.Where(char.IsLetter).ToArray()));
            blocks.Add(Prefix + "c:" + key);
        }
        else
        {
            blocks.Add(Prefix + "c:" + key);
        }

        return blocks.Where(b => b.Length > Prefix.Length + 3).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Keys of real concepts only.</summary>
    public static IEnumerable<string> Concepts(IEnumerable<string> keys) => keys.Where(k => !IsBlockKey(k));

    internal static string Normalize(string surface) => NameNormalizer.Key(surface);
}
