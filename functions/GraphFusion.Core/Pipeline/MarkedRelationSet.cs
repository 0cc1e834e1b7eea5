using GraphFusion.Core.Fusion;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>
/// Replaces one kind of inferred relation (link predictions, the chat model's proposals; told apart by a marker in their
/// reasoning) with a new complete set: each head whose marked relations differ is rewritten with its other relations read
/// again just before writing (so that facts fused meanwhile are kept) and its wanted ones for pairs those leave free. The
/// rewrites run under the graph's write lease, so that no fusion round rewrites the same heads in between.
/// </summary>
public static class MarkedRelationSet
{
    /// <summary>What a replacement did: facts added and removed, and heads rewritten.</summary>
    public readonly record struct Change(int Added, int Removed, int Rewritten);

    public static Task<Change> ReplaceAsync(
        IGraphStore store, Func<Relation, bool> isMarked, IEnumerable<Relation> current, IEnumerable<Relation> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return GraphWriteLease.RunAsync(store, new GraphWriteLeaseOptions(), token => RewriteAsync(store, isMarked, current, wanted, token), cancellationToken);
    }

    private static async Task<Change> RewriteAsync(
        IGraphStore store, Func<Relation, bool> isMarked, IEnumerable<Relation> current, IEnumerable<Relation> wanted, CancellationToken cancellationToken)
    {
        var before = current.ToLookup(r => r.HeadId, StringComparer.Ordinal);
        var after = wanted.ToLookup(r => r.HeadId, StringComparer.Ordinal);
        int added = 0, removed = 0, rewritten = 0;
        foreach (var head in before.Select(g => g.Key).Union(after.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var old = before[head].ToList();
            var next = after[head].ToList();
            if (old.Select(Describe).Order(StringComparer.Ordinal).SequenceEqual(next.Select(Describe).Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                continue;
            }

            var kept = (await store.GetRelationsFromAsync(head, cancellationToken)).Where(r => !isMarked(r)).ToList();
            var taken = kept.SelectMany(r => new[] { (r.HeadId, r.TailId), (r.TailId, r.HeadId) }).ToHashSet();
            var written = next.Where(r => !taken.Contains((r.HeadId, r.TailId))).ToList();
            await store.ReplaceRelationsFromAsync(head, [.. kept, .. written], cancellationToken);
            added += written.Count(w => !old.Any(o => SameFact(o, w)));
            removed += old.Count(o => !written.Any(w => SameFact(o, w)));
            rewritten++;
        }

        return new Change(added, removed, rewritten);
    }

    /// <summary>A relation as the marked sets compare it: ends, type, confidence and reasoning.</summary>
    public static string Describe(Relation r) => $"{r.HeadId}\u001f{r.Type}\u001f{r.TailId}\u001f{r.Confidence}\u001f{r.Reasoning}";

    private static bool SameFact(Relation a, Relation b) => a.HeadId == b.HeadId && a.Type == b.Type && a.TailId == b.TailId;
}
