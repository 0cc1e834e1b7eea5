using System.Globalization;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.Inference;

public sealed record InferenceOptions
{
    /// <summary>Confidence kept per rule application: an inferred fact's confidence is the product of its premises' times this.</summary>
    public double DecayPerHop { get; init; } = 0.8;

    /// <summary>
    /// Most rule applications behind one inferred fact. Facts at the limit are never used as premises, so inference from
    /// inferred facts stops there.
    /// </summary>
    public int MaxHops { get; init; } = 2;

    /// <summary>Inferred facts below this confidence are dropped.</summary>
    public double MinConfidence { get; init; } = 0.1;
}

/// <summary>
/// Novel triplets that follow from the graph under rules sound for Graphusion's schema:
/// <list type="bullet">
/// <item>Hyponym-Of, Part-of and Is-a-Prerequisite-of are transitive (A r B, B r C give A r C);</item>
/// <item>a kind inherits what its kind is used for and part of (A Hyponym-Of B, B Used-for C give A Used-for C; likewise Part-of).</item>
/// </list>
/// Every application costs a hop and multiplies the confidence by the decay. A new fact is never proposed for a pair that
/// already has a fact in either direction, nor for a pair twice: the best derivation (fewest hops, then highest confidence) wins.
/// </summary>
public static class TripletInference
{
    public const string Transitivity = "transitivity";
    public const string Inheritance = "inheritance along Hyponym-Of";

    private static readonly string[] TransitiveTypes = [RelationSchema.HyponymOf, RelationSchema.PartOf, RelationSchema.PrerequisiteOf];
    private static readonly string[] InheritedTypes = [RelationSchema.UsedFor, RelationSchema.PartOf];

    public static IReadOnlyList<Relation> Infer(IReadOnlyList<Entity> entities, IReadOnlyList<Relation> relations, InferenceOptions options)
    {
        var names = entities.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        string Name(string id) => names.GetValueOrDefault(id) ?? id;

        var linked = new HashSet<(string, string)>();
        var facts = new List<Fact>();
        foreach (var relation in relations.Where(r => r.HeadId != r.TailId))
        {
            linked.Add((relation.HeadId, relation.TailId));
            linked.Add((relation.TailId, relation.HeadId));
            facts.Add(new Fact(relation.HeadId, relation.Type, relation.TailId, relation.Confidence, 0, null));
        }

        var inferred = new Dictionary<(string, string), Fact>();
        var frontier = facts.ToList();
        for (var hop = 1; hop <= options.MaxHops && frontier.Count > 0; hop++)
        {
            // Every new derivation has a premise from the last round; it is kept only for a pair that has no fact yet.
            var usable = facts.Where(f => f.Hops < hop).ToList();
            var outgoing = usable.ToLookup(f => (f.Head, f.Type));
            var incoming = usable.ToLookup(f => (f.Tail, f.Type));
            var found = new List<Fact>();
            foreach (var fact in frontier)
            {
                // fact as the first premise: fact.Head -> fact.Tail -> next.Tail
                foreach (var next in Continuations(fact, outgoing))
                {
                    found.AddRange(Apply(fact, next, hop));
                }

                // fact as the second premise: previous.Head -> fact.Head -> fact.Tail
                foreach (var previous in Predecessors(fact, incoming))
                {
                    found.AddRange(Apply(previous, fact, hop));
                }
            }

            frontier = [];
            foreach (var fact in found
                .Where(f => f.Head != f.Tail && !linked.Contains((f.Head, f.Tail)) && f.Confidence >= options.MinConfidence)
                .OrderByDescending(f => f.Confidence)
                .ThenBy(f => f.Reasoning, StringComparer.Ordinal))
            {
                if (inferred.TryAdd((fact.Head, fact.Tail), fact))
                {
                    frontier.Add(fact);
                }
            }

            foreach (var fact in frontier)
            {
                linked.Add((fact.Head, fact.Tail));
                linked.Add((fact.Tail, fact.Head));
            }

            facts.AddRange(frontier);
        }

        return inferred.Values
            .OrderBy(f => f.Head, StringComparer.Ordinal)
            .ThenBy(f => f.Tail, StringComparer.Ordinal)
            .Select(f => new Relation
            {
                Id = StableId.Of("r-", f.Head, f.Tail),
                HeadId = f.Head,
                Type = f.Type,
                TailId = f.Tail,
                Confidence = Math.Round(f.Confidence, 4),
                Inferred = true,
                Reasoning = f.Reasoning,
            })
            .ToList();

        IEnumerable<Fact> Apply(Fact first, Fact second, int hop)
        {
            if (first.Tail != second.Head || first.Head == second.Tail)
            {
                yield break;
            }

            var confidence = first.Confidence * second.Confidence * options.DecayPerHop;
            var premises = string.Create(CultureInfo.InvariantCulture, $"{Describe(first)}; {Describe(second)}");
            if (first.Type == second.Type && TransitiveTypes.Contains(first.Type))
            {
                yield return new Fact(first.Head, first.Type, second.Tail, confidence, hop, $"{first.Type} {Transitivity}: {premises}");
            }

            if (first.Type == RelationSchema.HyponymOf && InheritedTypes.Contains(second.Type))
            {
                yield return new Fact(first.Head, second.Type, second.Tail, confidence, hop, $"{second.Type} {Inheritance}: {premises}");
            }
        }

        string Describe(Fact fact) => $"{Name(fact.Head)} {fact.Type} {Name(fact.Tail)}" + (fact.Hops > 0 ? " (inferred)" : "");
    }

    private static IEnumerable<Fact> Continuations(Fact first, ILookup<(string, string), Fact> outgoing)
    {
        IEnumerable<string> types = first.Type == RelationSchema.HyponymOf
            ? [RelationSchema.HyponymOf, .. InheritedTypes]
            : TransitiveTypes.Contains(first.Type) ? [first.Type] : [];
        return types.SelectMany(t => outgoing[(first.Tail, t)]);
    }

    private static IEnumerable<Fact> Predecessors(Fact second, ILookup<(string, string), Fact> incoming)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (TransitiveTypes.Contains(second.Type))
        {
            types.Add(second.Type);
        }

        if (InheritedTypes.Contains(second.Type) || second.Type == RelationSchema.HyponymOf)
        {
            types.Add(RelationSchema.HyponymOf);
        }

        return types.SelectMany(t => incoming[(second.Head, t)]);
    }

    private sealed record Fact(string Head, string Type, string Tail, double Confidence, int Hops, string? Reasoning);
}
