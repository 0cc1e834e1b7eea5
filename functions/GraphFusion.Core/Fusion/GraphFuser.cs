using GraphFusion.Core.Fusion.Adjudication;
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

    /// <summary>Fusers take turns on the graph's write lease (see <see cref="GraphWriteLease"/>).</summary>
    public GraphWriteLeaseOptions Lease { get; init; } = new();
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
/// With <paramref name="verdicts"/>, a judge's verdicts on contested pairs are applied (see <see cref="RelationResolver"/>).
/// </summary>
public sealed class GraphFuser(IGraphStore store, RelationResolver resolver, FusionOptions options, ClusterMerger? merger = null, IRelationVerdicts? verdicts = null)
{
    public Task<FusionReport> FuseAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        GraphWriteLease.RunAsync(store, options.Lease, token => FuseAsync(keys, storedEntities: null, token), cancellationToken);

    /// <param name="storedEntities">
    /// When the keys are every key of the graph, the ids of every stored entity: the first round has no entity outside it to
    /// re-fuse, and every stored entity it does not rebuild is stale (also one left owning no key by a concurrent fuser).
    /// </param>
    private async Task<FusionReport> FuseAsync(IReadOnlyCollection<string> keys, IReadOnlySet<string>? storedEntities, CancellationToken cancellationToken)
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
            var (roundReport, requeue) = await FuseOnceAsync(batch, rounds == 1 ? storedEntities : null, cancellationToken);
            report = report.Add(roundReport);
            pending.UnionWith(requeue);
            pending.UnionWith(await store.ClearTouchedAsync(stamps, cancellationToken));
        }

        if (pending.Count > 0)
        {
            await store.MarkTouchedAsync(pending, cancellationToken);
        }

        return report with { Rounds = rounds, Deferred = pending.ToList() };
    }

    /// <summary>
    /// The global pass: every key of the graph (those its entities own and those still touched) fused in one round, so every
    /// cluster, relation and inference is computed with the whole graph in view and nothing is fused twice. Far faster than
    /// batches for a whole graph (no neighbour is loaded again, no dependent re-fused), at the cost of holding the graph's
    /// claims in memory; the result is the same as fusing in batches.
    /// </summary>
    public Task<FusionReport> FuseGraphAsync(CancellationToken cancellationToken) =>
        GraphWriteLease.RunAsync(store, options.Lease, FuseWholeGraphAsync, cancellationToken);

    private async Task<FusionReport> FuseWholeGraphAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in store.ListEntitiesAsync(cancellationToken))
        {
            keys.UnionWith(entity.Keys);
            stored.Add(entity.Id);
        }

        keys.UnionWith(await store.ListTouchedAsync(int.MaxValue, cancellationToken));
        return await FuseAsync(keys, stored, cancellationToken);
    }

    private async Task<(FusionReport Report, IReadOnlyCollection<string> Requeue)> FuseOnceAsync(
        IReadOnlyList<string> seeds, IReadOnlySet<string>? storedEntities, CancellationToken cancellationToken)
    {
        var claims = new ClaimSet(store);
        await claims.LoadWithAliasesAsync(seeds, options.MaxAliasHops, cancellationToken);
        var seedSet = seeds.ToHashSet(StringComparer.Ordinal);
        var neighbours = claims.All.SelectMany(c => c.Relations).SelectMany(r => new[] { r.HeadKey, r.TailKey }).ToList();
        var requeue = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, string>? oldOwners = null;
        IReadOnlyList<IReadOnlyList<string>> clusters;
        var wholeEntities = new WholeEntityLoader(store, options.MaxAliasHops);
        for (var pass = 0; ; pass++)
        {
            await claims.LoadWithAliasesAsync(neighbours, options.MaxAliasHops, cancellationToken);
            IReadOnlyCollection<string> missing = [];
            if (storedEntities is null)
            {
                (oldOwners, missing) = await wholeEntities.LoadAsync(claims, cancellationToken);
            }

            clusters = KeyClusterer.Cluster(claims.All);
            if (merger is not null)
            {
                clusters = merger.Merge(clusters, claims.All);
            }

            // Keys loaded to make stored entities whole bring relation claims whose other ends may not be loaded yet; a
            // cluster whose relations are rebuilt needs them all, or it would drop those relations.
            neighbours = clusters.Where(c => c.Any(seedSet.Contains)).SelectMany(claims.For).SelectMany(c => c.Relations)
                .SelectMany(r => new[] { r.HeadKey, r.TailKey }).Where(k => !claims.Has(k)).Distinct(StringComparer.Ordinal).ToList();
            if (neighbours.Count == 0 || pass == options.MaxAliasHops)
            {
                requeue.UnionWith(missing);
                requeue.UnionWith(neighbours);
                break;
            }
        }

        var entities = clusters.Select(cluster => EntityBuilder.Build(cluster, claims.For(cluster))).ToList();
        var entityById = entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var entityByKey = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            foreach (var key in entity.Keys)
            {
                entityByKey[key] = entity;
            }
        }

        oldOwners ??= await store.GetKeyOwnersAsync(claims.LoadedKeys, cancellationToken);
        var deleted = oldOwners.Values.Concat(storedEntities ?? Enumerable.Empty<string>())
            .Where(id => !entityById.ContainsKey(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Clusters with a seed get their relations rebuilt now; a neighbour cluster whose id changed is rebuilt next round.
        var heads = entities.Where(e => e.Keys.Any(seedSet.Contains)).ToList();
        var headIds = heads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var entity in entities.Except(heads))
        {
            if (entity.Keys.Any(k => oldOwners.TryGetValue(k, out var old) && old != entity.Id))
            {
                requeue.UnionWith(entity.Keys);
            }
        }

        // A key that moved to another entity (an acronym now joined to a better-supported expansion, or a merged entity's
        // keys): every claim naming it now resolves to the new owner, and symmetric relations may turn around. The other ends
        // of its relation claims, and the entity that lost it when that survives, are rebuilt next round; sources outside the
        // round with relations into the loser, further below.
        var moved = oldOwners
            .Where(o => entityByKey.TryGetValue(o.Key, out var owner) && owner.Id != o.Value)
            .ToLookup(o => o.Value, o => o.Key, StringComparer.Ordinal);
        var losers = moved.Select(m => m.Key).Where(entityById.ContainsKey).ToList();
        var endKeys = claims.For(moved.SelectMany(m => m)).SelectMany(c => c.Relations).SelectMany(r => new[] { r.HeadKey, r.TailKey }).ToList();
        requeue.UnionWith(endKeys.Where(k => !entityByKey.ContainsKey(k)));
        foreach (var end in endKeys.Where(entityByKey.ContainsKey).Select(k => entityByKey[k]).Concat(losers.Select(id => entityById[id])))
        {
            if (!headIds.Contains(end.Id))
            {
                requeue.UnionWith(end.Keys);
            }
        }

        // Inference reads entities' names into its reasoning: entities renamed by this round are followed like changed facts.
        // Changed and renamed entities matter only to entities outside the round; a round over the whole graph has none.
        var followsDependents = options.Inference is not null && storedEntities is null;
        var renamed = !followsDependents ? [] : (await store.GetEntitiesAsync([.. entityById.Keys], cancellationToken))
            .Where(stored => entityById[stored.Id].Name != stored.Name)
            .Select(stored => stored.Id)
            .ToList();

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
            stated[head.Id] = verdicts is null
                ? resolver.Resolve(resolved)
                : resolver.Resolve(resolved, await verdicts.GetAsync(resolver.ContestedPairs(resolved), cancellationToken));
        }

        var relations = new Dictionary<string, IReadOnlyList<Relation>>(stated, StringComparer.Ordinal);
        var changed = new List<string>();
        if (options.Inference is { } inference)
        {
            // Every head infers from this round's stated facts of the other heads (not from what is stored for them), so no
            // head of the round needs a second fusion because another head of the same round changed.
            var facts = new InferenceFacts(store, stated, entityById);
            var inferred = await new HeadInference(facts, inference).InferAllAsync(heads.Select(h => (h, stated[h.Id])).ToList(), cancellationToken);
            for (var i = 0; i < heads.Count; i++)
            {
                relations[heads[i].Id] = [.. stated[heads[i].Id], .. inferred[i]];
            }

            if (followsDependents)
            {
                var previous = (await store.GetRelationsFromManyAsync(headIds, cancellationToken)).ToLookup(r => r.HeadId, StringComparer.Ordinal);
                changed.AddRange(heads.Select(h => h.Id).Where(id => !SameStatedFacts([.. previous[id]], stated[id])));
            }
        }

        await store.ReplaceRelationsFromAsync(relations, cancellationToken);
        var relationsWritten = relations.Values.Sum(r => r.Count);

        // Sources of relations into deleted entities are fused again, and so is every entity outside the round whose inference
        // read what changed (fused again from its claims, as its stored facts may be stale under concurrent fusers).
        if (storedEntities is null)
        {
            var gone = deleted.Concat(losers).ToHashSet(StringComparer.Ordinal);
            var sources = (await store.GetRelationsToManyAsync([.. gone], cancellationToken)).Where(r => gone.Contains(r.TailId)).Select(r => r.HeadId).ToList();
            if (options.Inference is { } read)
            {
                sources.AddRange(await InferenceDependentsAsync(changed, renamed, read.MaxHops, cancellationToken));
            }

            foreach (var source in await store.GetEntitiesAsync([.. sources.Where(id => !headIds.Contains(id)).Distinct(StringComparer.Ordinal)], cancellationToken))
            {
                requeue.UnionWith(source.Keys);
            }
        }

        await store.DeleteEntitiesAsync(deleted, cancellationToken);
        return (new FusionReport(1, claims.LoadedKeys.Count, entities.Count, deleted.Count, relationsWritten, []), requeue);
    }

    /// <summary>
    /// Loads every key of the stored entities that own a loaded key. The round rebuilds or deletes those entities, and a key
    /// it did not load would lose its owner while staying unfused: the merger joins keys that no claim names as aliases of
    /// each other, so the alias hops alone do not reach them. Remembers the keys and owners it has checked, so that a round
    /// calling it again after loading more keys reads only the new ones.
    /// </summary>
    private sealed class WholeEntityLoader(IGraphStore store, int maxPasses)
    {
        private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);
        private readonly HashSet<string> checkedKeys = new(StringComparer.Ordinal);
        private readonly HashSet<string> checkedOwners = new(StringComparer.Ordinal);
        private readonly HashSet<string> unreached = new(StringComparer.Ordinal);

        /// <summary>
        /// Returns the stored owner of every loaded key, and the keys still missing after as many passes as alias hops, to be
        /// fused next round.
        /// </summary>
        public async Task<(IReadOnlyDictionary<string, string> Owners, IReadOnlyCollection<string> Missing)> LoadAsync(
            ClaimSet claims, CancellationToken cancellationToken)
        {
            for (var pass = 0; ; pass++)
            {
                var fresh = claims.LoadedKeys.Where(checkedKeys.Add).ToList();
                var newOwners = new List<string>();
                foreach (var (key, owner) in await store.GetKeyOwnersAsync(fresh, cancellationToken))
                {
                    owners[key] = owner;
                    if (checkedOwners.Add(owner))
                    {
                        newOwners.Add(owner);
                    }
                }

                var missing = (await store.GetEntitiesAsync(newOwners, cancellationToken))
                    .SelectMany(e => e.Keys).Where(k => !claims.Has(k)).Distinct(StringComparer.Ordinal).ToList();
                if (missing.Count == 0 || pass == maxPasses)
                {
                    // Keys an earlier call gave up on belong to owners already checked: they stay missing until loaded.
                    unreached.UnionWith(missing);
                    unreached.RemoveWhere(claims.Has);
                    return (owners, [.. unreached]);
                }

                await claims.LoadWithAliasesAsync(missing, maxPasses, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The entities whose inference reads a changed or renamed entity. A head's inference reads the stated facts of the
    /// entities it reaches through stated transitive types within <paramref name="hops"/> steps, and names every end of
    /// those facts: so the entities reaching a changed entity, a renamed one or a stated source into a renamed one.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> InferenceDependentsAsync(IReadOnlyCollection<string> changed, IReadOnlyCollection<string> renamed, int hops, CancellationToken cancellationToken)
    {
        var reached = new HashSet<string>([.. changed, .. renamed], StringComparer.Ordinal);
        var frontier = reached.ToList();
        if (renamed.Count > 0)
        {
            var naming = (await store.GetRelationsToManyAsync(renamed, cancellationToken)).Where(r => !r.Inferred).Select(r => r.HeadId);
            frontier.AddRange(naming.Where(reached.Add));
        }

        for (var hop = 0; hop < hops && frontier.Count > 0; hop++)
        {
            frontier = (await store.GetRelationsToManyAsync(frontier, cancellationToken))
                .Where(r => !r.Inferred && HeadInference.ChainTypes.Contains(r.Type))
                .Select(r => r.HeadId)
                .Where(reached.Add)
                .ToList();
        }

        return reached;
    }

    // What inference reads of an entity's own facts: type, tail and confidence of each stated relation.
    private static bool SameStatedFacts(IReadOnlyList<Relation> previous, IReadOnlyList<Relation> stated) =>
        previous.Where(r => !r.Inferred).Select(r => (r.Type, r.TailId, r.Confidence)).Order().SequenceEqual(stated.Select(r => (r.Type, r.TailId, r.Confidence)).Order());

    /// <summary>The claims loaded so far in one fusion round, by key.</summary>
    private sealed class ClaimSet(IClaimStore store)
    {
        private readonly Dictionary<string, List<KeyClaims>> byKey = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> LoadedKeys => byKey.Keys;

        public bool Has(string key) => byKey.ContainsKey(key);

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
