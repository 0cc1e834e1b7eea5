using GraphFusion.Core.Embeddings;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>
/// Reads and validates a reference and stores the entities of its version (under the version, so the version in use is not
/// touched). Safe to repeat: the same content writes the same entities. With an <paramref name="embedder"/>, every entity is
/// stored with the embedding of its name and description, for embedding candidates at linking time.
/// </summary>
public sealed class IndexReferenceStep(IReferenceSource source, IReferenceStore store, ITextEmbedder? embedder = null)
{
    public async Task<StagedReference> RunAsync(IndexReferenceRequest request, CancellationToken cancellationToken)
    {
        var id = request.ReferenceId;
        var files = await source.ReadAsync(request.Reference, cancellationToken);
        if (files.Count == 0)
        {
            return new StagedReference(id, request.Reference, ReferenceOutcomes.Missing, "", 0, [], default, $"{request.Reference}: no longer exists");
        }

        var version = ReferenceNames.VersionOf(files);
        var modified = files.Max(f => f.LastModified);
        var names = files.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        StagedReference Staged(string outcome, int entities, string? error) => new(id, request.Reference, outcome, version, entities, names, modified, error);

        var existing = await store.GetReferenceAsync(id, cancellationToken);
        if (existing is { Status: ReferenceStatus.Indexed } && existing.Version == version)
        {
            return Staged(ReferenceOutcomes.Unchanged, existing.EntityCount, null);
        }

        if (existing is not null && ReferenceRecords.IsNewerThan(existing, Staged(ReferenceOutcomes.Staged, 0, null)))
        {
            return Staged(ReferenceOutcomes.Superseded, 0, null);
        }

        IReadOnlyList<IndexedReferenceEntity> entities;
        try
        {
            entities = ReferenceContentReader.Read(request.Reference, files);
        }
        catch (ReferenceIncompleteException ex)
        {
            return Staged(ReferenceOutcomes.Incomplete, 0, $"{request.Reference}: {ex.Message}");
        }
        catch (FormatException ex)
        {
            return Staged(ReferenceOutcomes.Failed, 0, ex.Message);
        }

        if (entities.Count == 0)
        {
            return Staged(ReferenceOutcomes.Failed, 0, $"{request.Reference}: holds no entities");
        }

        if (embedder is not null)
        {
            entities = await EmbedAsync(entities, embedder, cancellationToken);
        }

        await store.WriteReferenceEntitiesAsync(id, version, entities, cancellationToken);
        return Staged(ReferenceOutcomes.Staged, entities.Count, null);
    }

    private static async Task<IReadOnlyList<IndexedReferenceEntity>> EmbedAsync(
        IReadOnlyList<IndexedReferenceEntity> entities, ITextEmbedder embedder, CancellationToken cancellationToken)
    {
        var vectors = await embedder.EmbedAsync([.. entities.Select(e => ReferenceEmbeddingText.Of(e.ToEntity()))], cancellationToken);
        return [.. entities.Select((e, i) => e with { Embedding = vectors[i] })];
    }
}

/// <summary>
/// Records what indexing found: a staged version becomes the one in use (the previous version's entities are deleted), a
/// failure is recorded with its reason and leaves the version in use as it is. An outcome read from older files than the
/// record's is dropped.
/// </summary>
public sealed class RecordReferenceStep(IReferenceStore store, TimeProvider clock)
{
    public async Task<ReferenceRecord> RunAsync(StagedReference staged, CancellationToken cancellationToken)
    {
        string? replaced = null;
        var dropped = false;
        var record = await ReferenceRecords.UpdateAsync(store, staged.ReferenceId, staged.Reference, current =>
        {
            replaced = null;
            dropped = ReferenceRecords.IsNewerThan(current, staged);
            if (dropped)
            {
                return null;
            }

            var indexed = staged.Outcome == ReferenceOutcomes.Staged;
            replaced = indexed && current.Version.Length > 0 && current.Version != staged.Version ? current.Version : null;
            return current with
            {
                Name = staged.Reference,
                Version = indexed ? staged.Version : current.Version,
                EntityCount = indexed ? staged.Entities : current.EntityCount,
                Status = staged.Outcome switch
                {
                    ReferenceOutcomes.Staged or ReferenceOutcomes.Unchanged => ReferenceStatus.Indexed,
                    ReferenceOutcomes.Incomplete => ReferenceStatus.Incomplete,
                    _ => ReferenceStatus.Failed,
                },
                Error = indexed ? null : staged.Error,
                Files = staged.Files,
                SourceModifiedAt = staged.SourceModifiedAt,
                UpdatedAt = clock.GetUtcNow(),
            };
        }, cancellationToken);

        if (dropped && staged.Outcome == ReferenceOutcomes.Staged && record.Version != staged.Version)
        {
            await store.DeleteReferenceEntitiesAsync(staged.ReferenceId, staged.Version, cancellationToken);
        }

        if (replaced is not null)
        {
            await store.DeleteReferenceEntitiesAsync(staged.ReferenceId, replaced, cancellationToken);
        }

        return record;
    }
}

/// <summary>Removes a reference whose source is gone: its entities, then its record. Linking stops using it at the next document.</summary>
public sealed class RemoveReferenceStep(IReferenceStore store)
{
    public async Task<bool> RunAsync(string referenceId, CancellationToken cancellationToken)
    {
        if (await store.GetReferenceAsync(referenceId, cancellationToken) is not { } record)
        {
            return false;
        }

        if (record.Version.Length > 0)
        {
            await store.DeleteReferenceEntitiesAsync(referenceId, record.Version, cancellationToken);
        }

        await store.DeleteReferenceAsync(referenceId, cancellationToken);
        return true;
    }
}

/// <summary>Finds references whose source is gone (a deleted blob, file or every file of a folder).</summary>
public sealed class FindRemovedReferencesStep(IReferenceStore store, IReferenceSource source)
{
    public async Task<IReadOnlyList<string>> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var reference in await store.ListReferencesAsync(cancellationToken))
        {
            if (removed.Count >= limit)
            {
                break;
            }

            if (!await source.ExistsAsync(reference.Name, cancellationToken))
            {
                removed.Add(reference.Id);
            }
        }

        return removed;
    }
}
