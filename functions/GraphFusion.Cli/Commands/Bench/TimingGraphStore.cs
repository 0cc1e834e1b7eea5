using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using GraphFusion.Core.Graph;
using GraphFusion.Core.References;
using GraphFusion.Core.Seeds;
using GraphFusion.Core.Storage;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>A graph store that measures the time and number of calls of every operation of the store it wraps.</summary>
internal sealed class TimingGraphStore(IGraphStore inner) : IGraphStore
{
    private readonly ConcurrentDictionary<string, (long Ticks, long Calls)> totals = new(StringComparer.Ordinal);

    /// <summary>Seconds spent and calls made per operation, largest first.</summary>
    public IReadOnlyList<(string Operation, double Seconds, long Calls)> Totals =>
        [.. totals.Select(t => (t.Key, t.Value.Ticks / (double)Stopwatch.Frequency, t.Value.Calls)).OrderByDescending(t => t.Item2)];

    public double TotalSeconds => totals.Values.Sum(t => t.Ticks) / (double)Stopwatch.Frequency;

    public void Reset() => totals.Clear();

    public Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken) => Time(() => inner.GetDocumentAsync(documentId, cancellationToken));

    public Task<DocumentRecord> SaveDocumentAsync(DocumentRecord record, CancellationToken cancellationToken) => Time(() => inner.SaveDocumentAsync(record, cancellationToken));

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken) => Time(() => inner.DeleteDocumentAsync(documentId, cancellationToken));

    public Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken) => Time(() => inner.ListDocumentsAsync(cancellationToken));

    public Task WriteClaimsAsync(string documentId, IReadOnlyList<KeyClaims> claims, CancellationToken cancellationToken) => Time(() => inner.WriteClaimsAsync(documentId, claims, cancellationToken));

    public Task DeleteClaimsAsync(string documentId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => Time(() => inner.DeleteClaimsAsync(documentId, keys, cancellationToken));

    public Task<IReadOnlyList<KeyClaims>> GetClaimsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => Time(() => inner.GetClaimsAsync(keys, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> GetKeyOwnersAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => Time(() => inner.GetKeyOwnersAsync(keys, cancellationToken));

    public Task<Entity?> GetEntityAsync(string id, CancellationToken cancellationToken) => Time(() => inner.GetEntityAsync(id, cancellationToken));

    public Task<IReadOnlyList<Entity>> FindEntitiesAsync(string name, int limit, CancellationToken cancellationToken) => Time(() => inner.FindEntitiesAsync(name, limit, cancellationToken));

    public Task<IReadOnlyList<Relation>> GetRelationsFromAsync(string headId, CancellationToken cancellationToken) => Time(() => inner.GetRelationsFromAsync(headId, cancellationToken));

    public Task<IReadOnlyList<Relation>> GetRelationsToAsync(string tailId, CancellationToken cancellationToken) => Time(() => inner.GetRelationsToAsync(tailId, cancellationToken));

    public Task<IReadOnlyList<Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Time(() => inner.GetEntitiesAsync(ids, cancellationToken));

    public Task<IReadOnlyList<Relation>> GetRelationsFromManyAsync(IReadOnlyCollection<string> headIds, CancellationToken cancellationToken) => Time(() => inner.GetRelationsFromManyAsync(headIds, cancellationToken));

    public Task<IReadOnlyList<Relation>> GetRelationsToManyAsync(IReadOnlyCollection<string> tailIds, CancellationToken cancellationToken) => Time(() => inner.GetRelationsToManyAsync(tailIds, cancellationToken));

    public IAsyncEnumerable<Entity> ListEntitiesAsync(CancellationToken cancellationToken) => TimeEnumeration(inner.ListEntitiesAsync(cancellationToken));

    public IAsyncEnumerable<Relation> ListRelationsAsync(CancellationToken cancellationToken) => TimeEnumeration(inner.ListRelationsAsync(cancellationToken));

    public Task UpsertEntitiesAsync(IReadOnlyList<Entity> entities, CancellationToken cancellationToken) => Time(() => inner.UpsertEntitiesAsync(entities, cancellationToken));

    public Task DeleteEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Time(() => inner.DeleteEntitiesAsync(ids, cancellationToken));

    public Task ReplaceRelationsFromAsync(string headId, IReadOnlyList<Relation> relations, CancellationToken cancellationToken) => Time(() => inner.ReplaceRelationsFromAsync(headId, relations, cancellationToken));

    public Task ReplaceRelationsFromAsync(IReadOnlyDictionary<string, IReadOnlyList<Relation>> relationsByHead, CancellationToken cancellationToken) => Time(() => inner.ReplaceRelationsFromAsync(relationsByHead, cancellationToken));

    public Task MarkTouchedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => Time(() => inner.MarkTouchedAsync(keys, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> GetTouchStampsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => Time(() => inner.GetTouchStampsAsync(keys, cancellationToken));

    public Task<IReadOnlyList<string>> ListTouchedAsync(int limit, CancellationToken cancellationToken) => Time(() => inner.ListTouchedAsync(limit, cancellationToken));

    public Task<bool> ClearTouchedAsync(string key, string stamp, CancellationToken cancellationToken) => Time(() => inner.ClearTouchedAsync(key, stamp, cancellationToken));

    public Task<IReadOnlyList<string>> ClearTouchedAsync(IReadOnlyDictionary<string, string> stamps, CancellationToken cancellationToken) =>
        Time(() => ((ITouchLog)inner).ClearTouchedAsync(stamps, cancellationToken), "ClearTouchedMany");

    public Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        Time(() => inner.TryAcquireLeaseAsync(name, holder, duration, cancellationToken));

    public Task<bool> RenewLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        Time(() => inner.RenewLeaseAsync(name, holder, duration, cancellationToken));

    public Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken) => Time(() => inner.ReleaseLeaseAsync(name, holder, cancellationToken));

    public Task<string?> GetStateAsync(string id, CancellationToken cancellationToken) => Time(() => inner.GetStateAsync(id, cancellationToken));

    public Task PutStateAsync(string id, string value, CancellationToken cancellationToken) => Time(() => inner.PutStateAsync(id, value, cancellationToken));

    public Task<ReferenceRecord?> GetReferenceAsync(string referenceId, CancellationToken cancellationToken) => Time(() => inner.GetReferenceAsync(referenceId, cancellationToken));

    public Task<ReferenceRecord> SaveReferenceAsync(ReferenceRecord record, CancellationToken cancellationToken) => Time(() => inner.SaveReferenceAsync(record, cancellationToken));

    public Task DeleteReferenceAsync(string referenceId, CancellationToken cancellationToken) => Time(() => inner.DeleteReferenceAsync(referenceId, cancellationToken));

    public Task<IReadOnlyList<ReferenceRecord>> ListReferencesAsync(CancellationToken cancellationToken) => Time(() => inner.ListReferencesAsync(cancellationToken));

    public Task WriteReferenceEntitiesAsync(string referenceId, string version, IReadOnlyList<IndexedReferenceEntity> entities, CancellationToken cancellationToken) =>
        Time(() => inner.WriteReferenceEntitiesAsync(referenceId, version, entities, cancellationToken));

    public Task<IReadOnlyList<IndexedReferenceEntity>> GetReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken) =>
        Time(() => inner.GetReferenceEntitiesAsync(referenceId, version, cancellationToken));

    public Task DeleteReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken) =>
        Time(() => inner.DeleteReferenceEntitiesAsync(referenceId, version, cancellationToken));
    public Task<StoredSeedModel?> GetSeedModelAsync(string name, CancellationToken cancellationToken) => Time(() => inner.GetSeedModelAsync(name, cancellationToken));

    public Task SaveSeedModelAsync(StoredSeedModel model, CancellationToken cancellationToken) => Time(() => inner.SaveSeedModelAsync(model, cancellationToken));

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken) => Time(() => inner.CountAsync(cancellationToken));

    private async Task<T> Time<T>(Func<Task<T>> call, [CallerArgumentExpression(nameof(call))] string expression = "")
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Record(expression, Stopwatch.GetTimestamp() - start);
        }
    }

    private async Task Time(Func<Task> call, [CallerArgumentExpression(nameof(call))] string expression = "")
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            Record(expression, Stopwatch.GetTimestamp() - start);
        }
    }

    private async IAsyncEnumerable<T> TimeEnumeration<T>(IAsyncEnumerable<T> items, [CallerArgumentExpression(nameof(items))] string expression = "")
    {
        var ticks = 0L;
        await using var enumerator = items.GetAsyncEnumerator();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            var more = await enumerator.MoveNextAsync();
            ticks += Stopwatch.GetTimestamp() - start;
            if (!more)
            {
                break;
            }

            yield return enumerator.Current;
        }

        Record(expression, ticks);
    }

    private void Record(string expression, long ticks)
    {
        // "() => inner.GetClaimsAsync(keys, cancellationToken)" → "GetClaims"
        var name = expression;
        var dot = name.IndexOf("inner.", StringComparison.Ordinal);
        if (dot >= 0)
        {
            name = name[(dot + "inner.".Length)..];
        }

        var paren = name.IndexOf('(', StringComparison.Ordinal);
        name = paren > 0 ? name[..paren] : name;
        name = name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name;
        totals.AddOrUpdate(name, (ticks, 1), (_, t) => (t.Ticks + ticks, t.Calls + 1));
    }
}
