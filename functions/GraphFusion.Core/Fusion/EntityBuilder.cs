using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Fusion;

/// <summary>
/// Builds the fused entity of a key cluster: canonical name by rule, type by vote, every surface form as an alias, the
/// reference entity its claims link to.
/// </summary>
public static class EntityBuilder
{
    public static Entity Build(IReadOnlyList<string> cluster, IReadOnlyList<KeyClaims> claims)
    {
        var mentions = claims.SelectMany(c => c.Mentions).ToList();
        var surfaces = mentions
            .GroupBy(m => m.Surface, StringComparer.Ordinal)
            .Select(g => (Surface: g.Key, Count: g.Count()))
            .ToList();
        if (surfaces.Count == 0)
        {
            // Known only as a relation tail: name it after the key.
            surfaces = claims.SelectMany(c => c.Relations).Where(r => cluster.Contains(r.TailKey)).Select(r => (r.TailSurface, 1))
                .DefaultIfEmpty((cluster[0], 1)).ToList();
        }

        var name = CanonicalName(surfaces);
        var canonicalKey = NameNormalizer.Key(name);
        var aliases = surfaces
            .Select(s => s.Surface)
            .Where(s => !string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(s => s.ToLowerInvariant())
            .Order(StringComparer.Ordinal)
            .ToList();

        return new Entity
        {
            Id = StableId.Of("e-", cluster.Contains(canonicalKey) ? canonicalKey : cluster[0]),
            Name = name,
            Type = VoteType(mentions),
            Aliases = aliases,
            Keys = cluster,
            MentionCount = mentions.Count,
            DocumentCount = claims.Select(c => c.DocumentId).Distinct().Count(),
            Reference = ChooseReference(claims),
        };
    }

    // The reference most claims chose, weighted by the linker's confidence.
    private static EntityReference? ChooseReference(IReadOnlyList<KeyClaims> claims) =>
        claims
            .Where(c => c.ReferenceId is not null)
            .GroupBy(c => c.ReferenceId!, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Score: g.Sum(c => c.ReferenceConfidence), Mean: g.Average(c => c.ReferenceConfidence), Documents: g.Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new EntityReference(r.Id, Math.Round(r.Mean, 4), r.Documents))
            .FirstOrDefault();

    /// <summary>
    /// The expanded form beats the acronym ("long short-term memory" over "LSTM"), the singular beats the plural, then the
    /// most used form; a capital that only starts a sentence gives way to the lower-case form of the same name.
    /// </summary>
    public static string CanonicalName(IReadOnlyList<(string Surface, int Count)> surfaces) =>
        surfaces
            .GroupBy(s => s.Surface.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Surface: DisplayForm(g.ToList()), Count: g.Sum(s => s.Count)))
            .OrderBy(s => NameNormalizer.LooksLikeAcronym(s.Surface) ? 1 : 0)
            .ThenBy(s => IsPlural(s.Surface) ? 1 : 0)
            .ThenByDescending(s => s.Count)
            .ThenByDescending(s => s.Surface.Length)
            .ThenBy(s => s.Surface, StringComparer.Ordinal)
            .First().Surface;

    // Among case variants, a lower-case form wins when the text has one: the capital then only started a sentence.
    private static string DisplayForm(List<(string Surface, int Count)> variants) =>
        variants
            .OrderBy(v => char.IsUpper(v.Surface[0]) && !v.Surface.Skip(1).Any(char.IsUpper) ? 1 : 0)
            .ThenByDescending(v => v.Count)
            .ThenBy(v => v.Surface, StringComparer.Ordinal)
            .First().Surface;

    private static bool IsPlural(string surface)
    {
        var last = surface.Split(' ')[^1].ToLowerInvariant();
        return NameNormalizer.Singular(last) != last;
    }

    private static string VoteType(IReadOnlyList<MentionClaim> mentions)
    {
        var votes = mentions
            .GroupBy(m => m.Type, StringComparer.Ordinal)
            .Select(g => (Type: g.Key, Score: g.Sum(m => m.Confidence) * (g.Key == EntityTyper.Concept ? 0.5 : 1.0)))
            .OrderByDescending(v => v.Score)
            .ThenBy(v => v.Type, StringComparer.Ordinal)
            .FirstOrDefault();
        return votes.Type ?? EntityTyper.Concept;
    }
}
