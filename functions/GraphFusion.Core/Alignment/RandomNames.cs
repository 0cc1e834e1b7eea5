namespace GraphFusion.Core.Alignment;

/// <summary>
/// Replaces every entity URI by a random string (seeded), the left side in CJK ideographs and the right side in
/// Hangul, so that the two sides share no script, names carry no evidence and an aligner must rely on structure alone.
/// </summary>
public static class RandomNames
{
    /// <summary>The dataset with random names on both sides (same ids, triples and links).</summary>
    public static AlignmentDataset Apply(AlignmentDataset data, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var random = new Random(seed);
        return data with { Left = Rename(data.Left, random, '\u4E00'), Right = Rename(data.Right, random, '\uAC00') };
    }

    private static KnowledgeGraph Rename(KnowledgeGraph graph, Random random, char firstLetter)
    {
        var letters = new char[2000];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)(firstLetter + i);
        }

        var names = new string[graph.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = random.GetString(letters, 6);
        }

        return graph.WithUris(names);
    }
}
