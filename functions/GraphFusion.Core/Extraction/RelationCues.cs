using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Extraction;

/// <summary>A cue phrase between two concepts and the relation it signals; reversed when the tail comes first.</summary>
public sealed record RelationCue(string Relation, bool Reversed, double Confidence);

/// <summary>Lexical patterns for Graphusion's relation types, matched on the words between two candidates.</summary>
public static class RelationCues
{
    // Ordered: the first cue whose phrase the gap ends with (or equals) wins.
    private static readonly (string Phrase, RelationCue Cue)[] Cues =
    [
        ("is a type of", new(RelationSchema.HyponymOf, false, 0.85)),
        ("is a kind of", new(RelationSchema.HyponymOf, false, 0.85)),
        ("is a form of", new(RelationSchema.HyponymOf, false, 0.8)),
        ("are a type of", new(RelationSchema.HyponymOf, false, 0.85)),
        ("is a variant of", new(RelationSchema.HyponymOf, false, 0.8)),
        ("is a class of", new(RelationSchema.HyponymOf, false, 0.8)),
        ("such as", new(RelationSchema.HyponymOf, true, 0.8)),
        ("including", new(RelationSchema.HyponymOf, true, 0.65)),
        ("like", new(RelationSchema.HyponymOf, true, 0.55)),
        ("is an", new(RelationSchema.HyponymOf, false, 0.7)),
        ("is a", new(RelationSchema.HyponymOf, false, 0.7)),
        ("are", new(RelationSchema.HyponymOf, false, 0.5)),
        ("is used for", new(RelationSchema.UsedFor, false, 0.85)),
        ("are used for", new(RelationSchema.UsedFor, false, 0.85)),
        ("is used in", new(RelationSchema.UsedFor, false, 0.8)),
        ("are used in", new(RelationSchema.UsedFor, false, 0.8)),
        ("is used to", new(RelationSchema.UsedFor, false, 0.75)),
        ("is applied to", new(RelationSchema.UsedFor, false, 0.8)),
        ("are applied to", new(RelationSchema.UsedFor, false, 0.8)),
        ("for", new(RelationSchema.UsedFor, false, 0.6)),
        ("improves", new(RelationSchema.UsedFor, false, 0.6)),
        ("powers", new(RelationSchema.UsedFor, false, 0.7)),
        ("enables", new(RelationSchema.UsedFor, false, 0.65)),
        ("uses", new(RelationSchema.UsedFor, true, 0.7)),
        ("use", new(RelationSchema.UsedFor, true, 0.65)),
        ("relies on", new(RelationSchema.UsedFor, true, 0.7)),
        ("is part of", new(RelationSchema.PartOf, false, 0.85)),
        ("are part of", new(RelationSchema.PartOf, false, 0.85)),
        ("is a component of", new(RelationSchema.PartOf, false, 0.85)),
        ("in", new(RelationSchema.PartOf, false, 0.45)),
        ("consists of", new(RelationSchema.PartOf, true, 0.8)),
        ("contains", new(RelationSchema.PartOf, true, 0.7)),
        ("is composed of", new(RelationSchema.PartOf, true, 0.8)),
        ("compared to", new(RelationSchema.Compare, false, 0.8)),
        ("compared with", new(RelationSchema.Compare, false, 0.8)),
        ("outperforms", new(RelationSchema.Compare, false, 0.8)),
        ("than", new(RelationSchema.Compare, false, 0.6)),
        ("versus", new(RelationSchema.Compare, false, 0.75)),
        ("vs", new(RelationSchema.Compare, false, 0.75)),
        ("is evaluated on", new(RelationSchema.EvaluateFor, true, 0.8)),
        ("are evaluated on", new(RelationSchema.EvaluateFor, true, 0.8)),
        ("is measured by", new(RelationSchema.EvaluateFor, true, 0.8)),
        ("evaluates", new(RelationSchema.EvaluateFor, false, 0.75)),
        ("measures", new(RelationSchema.EvaluateFor, false, 0.7)),
        ("requires", new(RelationSchema.PrerequisiteOf, true, 0.7)),
        ("builds on", new(RelationSchema.PrerequisiteOf, true, 0.75)),
        ("is based on", new(RelationSchema.PrerequisiteOf, true, 0.7)),
        ("are based on", new(RelationSchema.PrerequisiteOf, true, 0.7)),
        ("is a prerequisite for", new(RelationSchema.PrerequisiteOf, false, 0.85)),
        ("and", new(RelationSchema.Conjunction, false, 0.5)),
        ("or", new(RelationSchema.Conjunction, false, 0.45)),
        (",", new(RelationSchema.Conjunction, false, 0.4)),
    ];

    /// <summary>The cue for the exact gap between two candidates, ignoring one leading article or adverb.</summary>
    public static RelationCue? Match(string between)
    {
        var gap = Strip(between);
        foreach (var (phrase, cue) in Cues)
        {
            if (gap == phrase)
            {
                return cue;
            }
        }

        return null;
    }

    private static string Strip(string gap)
    {
        // "long short-term memory (LSTM) is a ..." leaves ") is a" between the acronym and the next concept.
        gap = gap.TrimStart(')', ']', ' ').TrimEnd('(', '[', ' ');
        var words = gap.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        string[] droppable = ["the", "a", "an", "also", "often", "commonly", "widely", "typically", "usually", "mainly", "frequently", "generally", "can", "be"];
        while (words.Count > 1 && droppable.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        // "is often used for" → "is used for"
        words = words.Where((w, i) => i == 0 || i == words.Count - 1 || !droppable.Contains(w) || w is "a" or "an" or "be").ToList();
        if (words.Count >= 2 && words[0] == "can" && words[1] == "be")
        {
            words[0] = "is";
            words.RemoveAt(1);
        }

        return string.Join(' ', words).Replace(" ,", ",", StringComparison.Ordinal);
    }
}
