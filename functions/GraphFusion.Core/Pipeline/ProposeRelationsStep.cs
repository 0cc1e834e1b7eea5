using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Proposals;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>What a proposal pass did: candidate pairs found, questions asked, relations proposed, added and removed.</summary>
public sealed record ProposalReport(int Candidates, int Asked, int Proposed, int Added, int Removed)
{
    public static ProposalReport None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>
/// Graphusion's discovery of novel triplets by the model: pairs of entities that share stated neighbours but have no
/// relation (triadic closure, those sharing the most first) go to the <paramref name="proposer"/> with the paths between
/// them and their passages; the relations it names become the complete set of proposals, each inferred with its reason.
/// Proposals no longer backed (the shared neighbours or an endpoint gone, a stated fact now linking the pair) are
/// removed. Proposals are never premises: pairs are found from stated facts only. Safe to repeat; the model's answers are
/// cached, so a pass over an unchanged graph asks nothing new.
/// </summary>
public sealed class ProposeRelationsStep(IGraphStore store, IRelationProposer proposer, RelationSchema schema, ProposalOptions options)
{
    private readonly RelationResolver resolver = new(schema);

    public async Task<ProposalReport> RunAsync(CancellationToken cancellationToken)
    {
        var (entities, relations) = await store.ReadAllAsync(cancellationToken);
        var byId = entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var stated = relations.Where(r => !r.Inferred && byId.ContainsKey(r.HeadId) && byId.ContainsKey(r.TailId)).ToList();
        var linked = relations.Where(r => !ProposedRelations.IsProposal(r)).SelectMany(r => new[] { (r.HeadId, r.TailId), (r.TailId, r.HeadId) }).ToHashSet();
        var pairs = CandidatePairs(stated, linked);

        var wanted = new List<Relation>();
        var asked = 0;
        foreach (var (first, second, via) in pairs.Take(options.MaxQuestionsPerPass))
        {
            var paths = via.Take(options.MaxPaths).Select(v => Path(byId, v.Left, v.Right)).ToList();
            var passages = via.Take(options.MaxPaths).SelectMany(v => new[] { v.Left, v.Right }).SelectMany(r => r.Evidence)
                .DistinctBy(e => e.Snippet, StringComparer.Ordinal).Take(options.MaxPassages).ToList();
            var choices = Options();
            var answer = await proposer.ProposeAsync(new ProposalQuestion(byId[first], byId[second], paths, passages, choices), cancellationToken);
            asked++;
            if (answer.Option < 1 || answer.Option > choices.Count)
            {
                continue;
            }

            var option = choices[answer.Option - 1];
            var (head, tail) = resolver.Orient(option.Type.Name, option.FirstIsHead ? first : second, option.FirstIsHead ? second : first);
            wanted.Add(ProposedRelations.Create(head, option.Type.Name, tail, proposer.Name, answer.Reason, paths[0]));
        }

        var (added, removed, _) = await MarkedRelationSet.ReplaceAsync(
            store, ProposedRelations.IsProposal, relations.Where(ProposedRelations.IsProposal), wanted, cancellationToken);
        return new ProposalReport(pairs.Count, asked, wanted.Count, added, removed);
    }

    /// <summary>Unlinked pairs with their shared neighbours' facts, most shared neighbours first, then by ids.</summary>
    private List<(string First, string Second, List<(Relation Left, Relation Right)> Via)> CandidatePairs(
        List<Relation> stated, HashSet<(string, string)> linked)
    {
        var around = stated.SelectMany(r => new[] { (Centre: r.HeadId, Relation: r), (Centre: r.TailId, Relation: r) })
            .GroupBy(x => x.Centre, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Relation).DistinctBy(r => Other(r, g.Key)).ToList(), StringComparer.Ordinal);
        var via = new Dictionary<(string, string), List<(Relation, Relation)>>();
        foreach (var (centre, facts) in around.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (facts.Count > options.MaxHubDegree)
            {
                continue;
            }

            for (var i = 0; i < facts.Count; i++)
            {
                for (var j = i + 1; j < facts.Count; j++)
                {
                    var (a, b) = (Other(facts[i], centre), Other(facts[j], centre));
                    var (left, right) = string.CompareOrdinal(a, b) < 0 ? (facts[i], facts[j]) : (facts[j], facts[i]);
                    var pair = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
                    if (a == b || linked.Contains(pair))
                    {
                        continue;
                    }

                    if (!via.TryGetValue(pair, out var list))
                    {
                        via[pair] = list = [];
                    }

                    list.Add((left, right));
                }
            }
        }

        return via.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
            .Select(p => (p.Key.Item1, p.Key.Item2, p.Value)).ToList();
    }

    private List<ProposalOption> Options() =>
        [.. schema.Types.SelectMany(t => t.Symmetric ? new[] { new ProposalOption(t, true) } : [new ProposalOption(t, true), new ProposalOption(t, false)])];

    private static string Other(Relation relation, string id) => relation.HeadId == id ? relation.TailId : relation.HeadId;

    // "first -Type-> centre <-Type- second", each fact in its stated direction.
    private static string Path(Dictionary<string, Entity> byId, Relation left, Relation right)
    {
        var centre = left.HeadId == right.HeadId || left.HeadId == right.TailId ? left.HeadId : left.TailId;
        string Step(Relation r, bool towardsCentre) => towardsCentre ? $"-{r.Type}->" : $"<-{r.Type}-";
        return $"{byId[Other(left, centre)].Name} {Step(left, left.TailId == centre)} {byId[centre].Name} {Step(right, right.HeadId == centre)} {byId[Other(right, centre)].Name}";
    }
}
