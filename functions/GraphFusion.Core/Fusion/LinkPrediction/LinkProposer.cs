using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>A triplet the model scores at or above the calibrated threshold.</summary>
internal readonly record struct Proposal(int Head, int Relation, int Tail, double Score);

/// <summary>
/// Scores every unlinked pair of eligible entities whose types fit a relation type, keeps those at or above the threshold,
/// one relation type per pair (the best), and caps the result per entity and overall, best scores first.
/// </summary>
internal static class LinkProposer
{
    public static IReadOnlyList<Proposal> Propose(TripleGraph graph, ComplExModel model, double threshold, LinkPredictionOptions options)
    {
        var found = Above(graph, model, options, threshold);
        var perEntity = new int[graph.Entities.Count];
        var pairs = new HashSet<(int, int)>();
        var accepted = new List<Proposal>();
        foreach (var proposal in found.OrderByDescending(p => p.Score).ThenBy(p => p.Head).ThenBy(p => p.Relation).ThenBy(p => p.Tail))
        {
            if (accepted.Count >= options.MaxProposals)
            {
                break;
            }

            if (perEntity[proposal.Head] >= options.MaxPerEntity || perEntity[proposal.Tail] >= options.MaxPerEntity
                || !pairs.Add((Math.Min(proposal.Head, proposal.Tail), Math.Max(proposal.Head, proposal.Tail))))
            {
                continue;
            }

            perEntity[proposal.Head]++;
            perEntity[proposal.Tail]++;
            accepted.Add(proposal);
        }

        return accepted;
    }

    private static ConcurrentBag<Proposal> Above(TripleGraph graph, ComplExModel model, LinkPredictionOptions options, double threshold)
    {
        bool Eligible(int e) => graph.Degree[e] >= options.MinDegree;
        var heads = graph.Candidates(heads: true, Eligible);
        var tails = graph.Candidates(heads: false, Eligible);
        var found = new ConcurrentBag<Proposal>();
        for (var r = 0; r < graph.RelationTypes.Count; r++)
        {
            var relation = r;
            Parallel.ForEach(heads[relation], () => new float[model.Width], (head, _, query) =>
            {
                model.TailQuery(head, relation, query);
                foreach (var tail in tails[relation])
                {
                    // A symmetric type is stored headed by the lower id: score that orientation only.
                    if (graph.Symmetric[relation] && string.CompareOrdinal(graph.Entities[head].Id, graph.Entities[tail].Id) > 0)
                    {
                        continue;
                    }

                    if (!graph.Fits(relation, head, tail) || graph.Linked(head, tail))
                    {
                        continue;
                    }

                    var score = ComplExModel.Probability(TensorPrimitives.Dot<float>(query, model.Entity(tail)));
                    if (score >= threshold)
                    {
                        found.Add(new Proposal(head, relation, tail, score));
                    }
                }

                return query;
            }, _ => { });
        }

        return found;
    }
}
