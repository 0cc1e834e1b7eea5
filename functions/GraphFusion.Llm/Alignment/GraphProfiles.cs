using System.Globalization;
using GraphFusion.Core.Alignment;

namespace GraphFusion.Llm.Alignment;

/// <summary>
/// Profiles of one graph's entities for the prompt: the name, and the most informative neighbours — those reached by
/// near-functional relations (a relation with one tail per head says more) and of low degree (a hub such as a country
/// says little) — at most <c>maxFacts</c>, distinct by name.
/// </summary>
public sealed class GraphProfiles(KnowledgeGraph graph, int maxFacts = 6)
{
    private readonly string[] _names = [.. graph.Uris.Select(EntityLabel.FromUri)];

    public EntityProfile Of(int entity)
    {
        var (neighbours, relations) = graph.Edges(entity);
        var facts = new List<(string Name, double Weight)>();
        for (var i = 0; i < neighbours.Length; i++)
        {
            var other = neighbours.Span[i];
            var weight = graph.Relations.Weight(relations.Span[i]) / Math.Log(2 + graph.Degree(other));
            facts.Add((_names[other], weight));
        }

        var chosen = facts
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, Weight: g.Max(f => f.Weight)))
            .OrderByDescending(f => f.Weight)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(maxFacts)
            .Select(f => f.Key)
            .ToList();
        return new EntityProfile(graph.Ids[entity].ToString(CultureInfo.InvariantCulture), _names[entity], chosen);
    }
}
