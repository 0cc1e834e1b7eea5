using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Read-modify-write of a reference record with optimistic concurrency, retried on conflicts.</summary>
public static class ReferenceRecords
{
    /// <param name="change">The new record, or null to leave the stored one as it is.</param>
    public static async Task<ReferenceRecord> UpdateAsync(IReferenceStore store, string referenceId, string name, Func<ReferenceRecord, ReferenceRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetReferenceAsync(referenceId, cancellationToken) ?? new ReferenceRecord { Id = referenceId, Name = name };
            if (change(current) is not { } changed)
            {
                return current;
            }

            try
            {
                return await store.SaveReferenceAsync(changed, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }
    }

    /// <summary>True when <paramref name="stored"/> came from files at least as new as <paramref name="staged"/>'s and more of them (a later read of a folder).</summary>
    public static bool IsNewerThan(ReferenceRecord stored, StagedReference staged) =>
        stored.ETag is not null
        && (stored.SourceModifiedAt > staged.SourceModifiedAt
            || (stored.SourceModifiedAt == staged.SourceModifiedAt && stored.Files.Count > staged.Files.Count));
}
