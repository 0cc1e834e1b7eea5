using System.Globalization;
using System.Text;

namespace GraphFusion.Core.Alignment;

/// <summary>The written form of an alignment: <c>left id&lt;TAB&gt;right id&lt;TAB&gt;score</c> per line (seeds score 1).</summary>
public static class AlignmentPairsText
{
    public static string Format(KnowledgeGraph left, KnowledgeGraph right, IEnumerable<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(pairs);
        var text = new StringBuilder();
        foreach (var pair in pairs)
        {
            text.Append(left.Ids[pair.Left].ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(right.Ids[pair.Right].ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(pair.Score.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}
