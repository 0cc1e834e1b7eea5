namespace GraphFusion.Core.Alignment;

/// <summary>
/// Evaluates <see cref="GraphAligner"/> on held-out links in the standard DBP15K setting: the candidates of
/// each test left entity are the right entities of the test links. Scores use the seeds plus the matches
/// propagated from them; a greedy one-to-one assignment over the test candidates then puts each left entity's
/// assigned partner first.
/// </summary>
public static class AlignmentEvaluator
{
    /// <summary>The protocol, in words.</summary>
    public const string Protocol = "candidates = right entities of the test links; ties count against the correct entity";

    /// <summary>Runs the aligner from the split's seeds and ranks the test candidates.</summary>
    public static AlignmentEvaluation Evaluate(AlignmentDataset data, LinkSplit split, GraphAlignerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        var aligner = new GraphAligner(data.Left, data.Right, options);
        var seeds = aligner.SeedMatching(split.Seeds);
        var evidence = aligner.Propagate(seeds, cancellationToken);

        var test = split.Test
            .Select(l => (Found: data.Left.TryGetIndex(l.LeftId, out var a) & data.Right.TryGetIndex(l.RightId, out var b), Left: a, Right: b))
            .Where(t => t.Found)
            .ToArray();
        var candidates = test.Select(t => t.Right).ToArray();
        var scores = new float[test.Length][];
        Parallel.For(
            0,
            test.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = cancellationToken },
            () => new ScoreBuffer(data.Right.Count),
            (i, _, buffer) =>
            {
                buffer.Clear();
                aligner.Scorer.ScoreAll(test[i].Left, evidence, buffer);
                var row = new float[candidates.Length];
                for (var c = 0; c < candidates.Length; c++)
                {
                    row[c] = buffer[candidates[c]];
                }

                scores[i] = row;
                buffer.Clear();
                return buffer;
            },
            _ => { });

        var independent = new int[test.Length];
        for (var i = 0; i < test.Length; i++)
        {
            independent[i] = RankingMetrics.RankOf(scores[i], i);
        }

        var assigned = AssignWithinCandidates(scores, options.CandidatesPerEntity);
        var collective = new int[test.Length];
        for (var i = 0; i < test.Length; i++)
        {
            var partner = assigned[i];
            collective[i] = partner < 0 ? independent[i]
                : partner == i ? 1
                : independent[i] + (scores[i][partner] < scores[i][i] ? 1 : 0);
        }

        return new AlignmentEvaluation(
            RankingMetrics.From(collective),
            RankingMetrics.From(independent),
            test.Length,
            seeds.Count,
            evidence.Count - seeds.Count,
            Protocol);
    }

    private static int[] AssignWithinCandidates(float[][] scores, int perRow)
    {
        var pairs = new List<ScoredPair>();
        for (var i = 0; i < scores.Length; i++)
        {
            var top = new TopK(Math.Max(perRow, 1));
            for (var c = 0; c < scores[i].Length; c++)
            {
                if (scores[i][c] > 0)
                {
                    top.Offer(c, scores[i][c]);
                }
            }

            pairs.AddRange(top.Result(i));
        }

        var matching = new EntityMatching(scores.Length, scores.Length);
        OneToOneAssignment.Greedy(pairs, matching);
        return [.. matching.LeftToRight];
    }
}
