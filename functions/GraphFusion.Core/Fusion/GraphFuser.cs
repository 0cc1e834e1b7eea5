using GraphFusion.Core.Fusion.Inference;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion;

public sealed record FusionOptions
{
    /// <summary>Rounds of re-fusion (for keys touched again meanwhile or affected by a rename) before deferring to the next pass.</summary>
    public int MaxRounds { get; init; } = 8;

    /// <summary>Alias hops followed from a key when building its cluster.</summary>
    public int MaxAliasHops { get; init; } = 6;

    /// <summary>Rules for novel triplets; null turns inference off.</summary>
    public InferenceOptions? Inference { get; init; } = new();
}

public sealed record FusionReport(int Rounds, int KeysFused, int EntitiesWritten, int EntitiesDeleted, int RelationsWritten, IReadOnlyList<string> Deferred)
{
    public static FusionReport Empty { get; } = new(0, 0, 0, 0, 0, []);

    public FusionReport Add(FusionReport other) => new(
        Rounds + other.Rounds, KeysFused + other.KeysFused, EntitiesWritten + other.EntitiesWritten,
        EntitiesDeleted + other.EntitiesDeleted, RelationsWritten + other.RelationsWritten, [.. Deferred, .. other.Deferred]);
}

/// <summary>
/// Incremental global fusion: recomputes the entities and relations of the given keys (and the clusters they touch)
/// from the claims of every document. The result depends only on the claims, so it is safe to repeat, and concurrent
/// fusers converge: a key's touch mark is cleared only if nobody touched it since it was read, otherwise it is fused again.
/// </summary>
public sealed class GraphFuser(IGraphStore store, RelationResolver resolver, FusionOptions options, ClusterMerger? merger = null)
{
    public async Task<FusionReport> FuseAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var pending = new SortedSet<string>(keys, StringComparer.Ordinal);
        var report = FusionReport.Empty;
        var rounds = 0;
        while (pending.Count > 0 && rounds < options.MaxRounds)
        {
            rounds++;
            var batch = pending.ToList();
            pending.Clear();
            var stamps = await store.GetTouchStampsAsync(batch, cancellationToken);
            var (roundReport, requeue) = await FuseOnceAsync(batch, cancellationToken);
            report = report.Add(roundReport);
            pending.UnionWith(requeue);
            foreach (var (key, stamp) in stamps)
            {
                if (!await store.ClearTouchedAsync(key, stamp, cancellationToken))
                {
                    pending.Add(key);
                }
            }
        }

        if (pending.Count > 0)
        {
            await store.MarkTouchedAsync(pending, cancellationToken);
        }

        return report with { Rounds = rounds, Deferred = pending.ToList() };
    }

    private async Task<(FusionReport Report, IReadOnlyCollection<string> Requeue)> FuseOnceAsync(IReadOnlyList<string> seeds, CancellationToken cancellationToken)
    {
        var claims = new ClaimSet(store);
        await claims.LoadWithAliasesAsync(seeds, options.MaxAliasHops, cancellationToken);
        var neighbours = claims.All.SelectMany(c => c.Relations).SelectMany(r => new[] { r.HeadKey, r.TailKey });
        await claims.LoadWithAliasesAsync(neighbours, options.MaxAliasHops, cancellationToken);

        var clusters = KeyClusterer.Cluster(claims.All);
        if (merger is not null)
        {
            clusters = merger.Merge(clusters, claims.All);
        }

        var entities = clusters.Select(cluster => EntityBuilder.Build(cluster, claims.For(cluster))).ToList();
        var entityByKey = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            foreach (var key in entity.Keys)
            {
                entityByKey[key] = entity;
            }
        }

        var oldOwners = await store.GetKeyOwnersAsync(claims.LoadedKeys, cancellationToken);
        var newIds = entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var deleted = oldOwners.Values.Where(id => !newIds.Contains(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var seedSet = seeds.ToHashSet(StringComparer.Ordinal);
        var requeue = new HashSet<string>(StringComparer.Ordinal);

        // Clusters with a seed get their relations rebuilt now; a neighbour cluster whose id changed is rebuilt next round.
        var heads = entities.Where(e => e.Keys.Any(seedSet.Contains)).ToList();
        foreach (var entity in entities.Except(heads))
        {
            if (entity.Keys.Any(k => oldOwners.TryGetValue(k, out var old) && old != entity.Id))
            {
                requeue.UnionWith(entity.Keys);
            }
        }

        await store.UpsertEntitiesAsync(entities, cancellationToken);
        var stated = new Dictionary<string, IReadOnlyList<Relation>>(StringComparer.Ordinal);
        foreach (var head in heads)
        {
            var resolved = claims.For(head.Keys)
                .SelectMany(c => c.Relations.Select(r => (Claim: r, c.DocumentId, c.ObservedAt)))
                .Where(r => entityByKey.ContainsKey(r.Claim.HeadKey) && entityByKey.ContainsKey(r.Claim.TailKey))
                .Select(r => new ResolvedClaim(entityByKey[r.Claim.HeadKey].Id, entityByKey[r.Claim.TailKey].Id, r.Claim, r.DocumentId, r.ObservedAt))
                .Where(r => resolver.Orient(r.Claim.Type, r.HeadId, r.TailId).Head == head.Id)
                .DistinctBy(r => (r.DocumentId, r.Claim))
                .ToList();
            stated[head.Id] = resolver.Resolve(resolved);
        }

        var rebuilt = heads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var gone = deleted.ToHashSet(StringComparer.Ordinal);
        var relations = new Dictionary<string, IReadOnlyList<Relation>>(stated, StringComparer.Ordinal);
        if (options.Inference is { } inference)
        {
            var previous = (await store.GetRelationsFromManyAsync(rebuilt, cancellationToken)).ToLookup(r => r.HeadId, StringComparer.Ordinal);
            var changed = heads.Select(h => h.Id).Where(id => !SameStatedFacts([.. previous[id]], stated[id])).ToList();

            // Every head infers from this round's stated facts of the other heads, so no head of the round needs a second
            // fusion because another one changed. Entities outside the round that reach a changed head through a transitive
            // type infer from its stated facts: their own stated facts stand, so only their inferred ones are redone here.
            var facts = new InferenceFacts(store, stated, entities.ToDictionary(e => e.Id, StringComparer.Ordinal));
            var dependents = (await store.GetRelationsToManyAsync(changed, cancellationToken))
                .Where(r => !r.Inferred && HeadInference.ChainTypes.Contains(r.Type) && !rebuilt.Contains(r.HeadId) && !gone.Contains(r.HeadId))
                .Select(r => r.HeadId)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            var dependentEntities = await facts.GetEntitiesAsync(dependents, cancellationToken);
            var stored = (await store.GetRelationsFromManyAsync(dependents, cancellationToken)).ToLookup(r => r.HeadId, StringComparer.Ordinal);
            var inputs = heads.Select(h => (h, stated[h.Id]))
                .Concat(dependents.Where(dependentEntities.ContainsKey)
                    .Select(id => (dependentEntities[id], (IReadOnlyList<Relation>)stored[id].Where(r => !r.Inferred).OrderBy(r => r.Id, StringComparer.Ordinal).ToList())))
                .ToList();
            var inferred = await new HeadInference(facts, inference).InferAllAsync(inputs, cancellationToken);
            for (var i = 0; i < inputs.Count; i++)
            {
                var (head, headStated) = inputs[i];
                if (i < heads.Count || !SameInferredFacts([.. stored[head.Id]], inferred[i]))
                {
                    relations[head.Id] = [.. headStated, .. inferred[i]];
                }
            }
        }

        // Sources of relations into deleted entities are fused again next round, against the entities that replace them.
        var orphaned = (await store.GetRelationsToManyAsync(deleted, cancellationToken))
            .Where(r => !rebuilt.Contains(r.HeadId))
            .Select(r => r.HeadId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var source in await store.GetEntitiesAsync(orphaned, cancellationToken))
        {
            requeue.UnionWith(source.Keys);
            relations.Remove(source.Id);
        }

        await store.ReplaceRelationsFromAsync(relations, cancellationToken);
        var relationsWritten = heads.Sum(h => relations[h.Id].Count);

        await store.DeleteEntitiesAsync(deleted, cancellationToken);
        return (new FusionReport(1, claims.LoadedKeys.Count, entities.Count, deleted.Count, relationsWritten, []), requeue);
    }

    private static bool SameInferredFacts(IReadOnlyList<Relation> previous, IReadOnlyList<Relation> inferred) =>
        previous.Where(r => r.Inferred).Select(Inferred).Order().SequenceEqual(inferred.Select(Inferred).Order());

    private static (string Id, string Type, string TailId, double Confidence, string? Reasoning) Inferred(Relation relation) =>
        (relation.Id, relation.Type, relation.TailId, relation.Confidence, relation.Reasoning);

    private static bool SameStatedFacts(IReadOnlyList<Relation> previous, IReadOnlyList<Relation> stated) =>
        previous.Where(r => !r.Inferred).Select(r => (r.Type, r.TailId)).Order().SequenceEqual(stated.Select(r => (r.Type, r.TailId)).Order());

    /// <summary>The claims loaded so far in one fusion round, by key.</summary>
    private sealed class ClaimSet(IClaimStore store)
    {
        private readonly Dictionary<string, List<KeyClaims>> byKey = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> LoadedKeys => byKey.Keys;

        public IReadOnlyList<KeyClaims> All => byKey.Values.SelectMany(c => c).ToList();

        public IReadOnlyList<KeyClaims> For(IEnumerable<string> keys) =>
            keys.SelectMany(k => byKey.GetValueOrDefault(k) ?? []).ToList();

        public async Task LoadWithAliasesAsync(IEnumerable<string> keys, int maxHops, CancellationToken cancellationToken)
        {
            var next = keys.Where(k => !byKey.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
            for (var hop = 0; next.Count > 0 && hop <= maxHops; hop++)
            {
                foreach (var key in next)
                {
                    byKey[key] = [];
                }

                var loaded = await store.GetClaimsAsync(next, cancellationToken);
                foreach (var claim in loaded)
                {
                    byKey[claim.Key].Add(claim);
                }

                next = loaded.SelectMany(c => c.AliasKeys).Where(k => !byKey.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
            }
        }
    }
}
