using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Testing;

namespace GraphFusion.Core.Tests.Fusion.Matching;

public class RecordPairScorerTests
{
    private const string Lines =
        "COL title VAL query optimization by predicate move-around COL authors VAL inderpal singh mumick , alon y. levy COL venue VAL vldb COL year VAL 1994 \t"
        + "COL title VAL query optimization by predicate move-around COL authors VAL alon y. levy , inderpal singh mumick COL venue VAL very large data bases COL year VAL 1994 \t1\n"
        + "COL title VAL optimization of queries with user-defined predicates COL authors VAL kyuseok shim , surajit chaudhuri COL venue VAL acm trans . database syst . COL year VAL 1999 \t"
        + "COL title VAL optimization of queries with user-defined predicates COL authors VAL surajit chaudhuri , kyuseok shim COL venue VAL very large data bases COL year VAL 1996 \t0\n"
        + "COL title VAL database technologies for electronic commerce COL authors VAL rakesh agrawal COL venue VAL vldb COL year VAL 2002 \t"
        + "COL title VAL databases on the web COL authors VAL ralf kramer COL venue VAL sigmod COL year VAL 1997 \t0\n";

    [Fact]
    public void Reads_magellan_pairs()
    {
        var pairs = RecordPairReader.Parse(Lines.Split('\n'));

        Assert.Equal(3, pairs.Count);
        Assert.Equal("query optimization by predicate move-around", pairs[0].Left.Get("title"));
        Assert.Equal("1994", pairs[0].Right.Get("year"));
        Assert.Equal(["title", "authors", "venue", "year"], pairs[0].Left.Attributes.Select(a => a.Key));
        Assert.True(pairs[0].IsMatch);
    }

    [Fact]
    public void Same_paper_matches_and_a_different_year_or_title_does_not()
    {
        var pairs = RecordPairReader.Parse(Lines.Split('\n'));

        var metrics = MatchingEvaluation.Evaluate(pairs, new RecordScorerOptions());

        Assert.Equal((1, 0, 0), (metrics.TruePositives, metrics.FalsePositives, metrics.FalseNegatives));
        Assert.Equal(1, metrics.F1);
    }

    [DatasetFact("er/dblp-acm/valid.txt")]
    public void Dblp_acm_dev_f1_is_at_least_95_percent_unsupervised()
    {
        var pairs = RecordPairReader.Read(RepoPaths.Dataset("er/dblp-acm/valid.txt"));

        var metrics = MatchingEvaluation.Evaluate(pairs, new RecordScorerOptions());

        Assert.True(metrics.F1 >= 0.95, $"F1 {metrics.F1:F4}, precision {metrics.Precision:F4}, recall {metrics.Recall:F4}");
    }
}
