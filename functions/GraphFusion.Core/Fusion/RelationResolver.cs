using System.Globalization;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion;

/// <summary>A relation claim after its head and tail keys were resolved to entities.</summary>
public sealed record ResolvedClaim(string HeadId, string TailId, RelationClaim Claim, string DocumentId, DateTimeOffset ObservedAt);

/// <summary>
/// At most one relation per ordered entity pair; symmetric types count both orders as one pair, headed by the lower id. The type with the most
/// independent documents wins, then the most chunks, then the summed confidence, then the most recent; ties by name.
/// Losing claims stay as evidence of the winning relation. A judge's verdict on a contested pair overrides that order
/// while the pair's claims are those it was made on, and only among the types they state.
/// </summary>
public sealed class RelationResolver(RelationSchema schema, int maxEvidencePerRelation = 50)
{
    public IReadOnlyList<Relation> Resolve(IEnumerable<ResolvedClaim> claims, IReadOnlyDictionary<string, RelationVerdict>? verdicts = null)
    {
        var relations = new List<Relation>();
        foreach (var pair in claims.Where(c => c.HeadId != c.TailId).GroupBy(c => PairKey(c), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ranked = pair
                .GroupBy(c => c.Claim.Type, StringComparer.Ordinal)
                .Select(g => new
                {
                    Type = g.Key,
                    Claims = g.ToList(),
                    Documents = g.Select(c => c.DocumentId).Distinct().Count(),
                    Chunks = g.Select(c => c.Claim.ChunkId).Distinct().Count(),
                    Confidence = g.Sum(c => c.Claim.Confidence),
                    Latest = g.Max(c => c.ObservedAt),
                })
                .OrderByDescending(t => t.Documents)
                .ThenByDescending(t => t.Chunks)
                .ThenByDescending(t => t.Confidence)
                .ThenByDescending(t => t.Latest)
                .ThenBy(t => t.Type, StringComparer.Ordinal)
                .ToList();
            var contest = ranked.Count < 2 ? null : new RelationContest(
                Fingerprint(pair),
                ranked.Select(t => new ContestedType(t.Type, t.Documents, t.Chunks, Math.Round(t.Confidence, 4))).ToList());
            var verdict = contest is not null && verdicts?.GetValueOrDefault(pair.Key) is { Type: { } chosen } v && v.Fingerprint == contest.Fingerprint
                && ranked.Any(t => t.Type == chosen) ? v : null;
            var winner = verdict is null ? ranked[0] : ranked.First(t => t.Type == verdict.Type);
            var (head, tail) = Orient(winner.Type, winner.Claims[0].HeadId, winner.Claims[0].TailId);
            relations.Add(new Relation
            {
                Id = StableId.Of("r-", head, tail),
                HeadId = head,
                Type = winner.Type,
                TailId = tail,
                Confidence = Math.Round(1 - winner.Claims.Aggregate(1.0, (p, c) => p * (1 - Math.Clamp(c.Claim.Confidence, 0, 0.99))), 4),
                Evidence = pair
                    .OrderBy(c => c.Claim.Type == winner.Type ? 0 : 1)
                    .ThenBy(c => c.DocumentId, StringComparer.Ordinal)
                    .ThenBy(c => c.Claim.ChunkId, StringComparer.Ordinal)
                    .ThenBy(c => c.Claim.Start)
                    .Take(maxEvidencePerRelation)
                    .Select(c => new Evidence(c.DocumentId, c.Claim.ChunkId, c.Claim.Start, c.Claim.End, c.Claim.Snippet, c.Claim.Type, c.Claim.Confidence, c.Claim.Extractor))
                    .ToList(),
                Contest = contest,
                Adjudication = verdict is null ? null : $"{verdict.Judge} chose {verdict.Type} over {string.Join(", ", ranked.Where(t => t.Type != verdict.Type).Select(t => t.Type))}: {verdict.Reason}",
            });
        }

        return relations;
    }

    public (string Head, string Tail) Orient(string type, string headId, string tailId) =>
        schema.IsSymmetric(type) && string.CompareOrdinal(headId, tailId) > 0 ? (tailId, headId) : (headId, tailId);

    /// <summary>The pairs whose claims state more than one type: the only ones a verdict can apply to.</summary>
    public IReadOnlyCollection<string> ContestedPairs(IEnumerable<ResolvedClaim> claims) =>
        claims.Where(c => c.HeadId != c.TailId)
            .GroupBy(PairKey, StringComparer.Ordinal)
            .Where(g => g.Select(c => c.Claim.Type).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .Select(g => g.Key)
            .ToList();

    private string PairKey(ResolvedClaim claim)
    {
        var (head, tail) = Orient(claim.Claim.Type, claim.HeadId, claim.TailId);
        return RelationVerdicts.PairKey(head, tail);
    }

    /// <summary>Identifies the set of claims behind a pair, whatever order they were loaded in.</summary>
    private static string Fingerprint(IEnumerable<ResolvedClaim> claims) =>
        StableId.Of("c-", claims
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Claim.Type}\u001e{c.DocumentId}\u001e{c.Claim.ChunkId}\u001e{c.Claim.Start}\u001e{c.Claim.End}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray());
}
