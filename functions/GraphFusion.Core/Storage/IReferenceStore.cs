using GraphFusion.Core.References;

namespace GraphFusion.Core.Storage;

/// <summary>The outcome of the last attempt to index a reference.</summary>
public enum ReferenceStatus
{
    /// <summary>A folder reference whose files are not all there yet (e.g. <c>ent_ids</c> without <c>triples</c>).</summary>
    Incomplete,
    Indexed,
    Failed,
}

/// <summary>
/// What the store knows of one reference graph or glossary. <see cref="Version"/> is the version whose entities are stored and
/// used for linking ("" when none); <see cref="Status"/> and <see cref="Error"/> describe the latest upload, so a bad re-upload
/// is reported while the previous good version stays in use until it is replaced or removed.
/// </summary>
public sealed record ReferenceRecord
{
    public required string Id { get; init; }

    /// <summary>The source: a file (<c>references/glossary.csv</c>) or a folder, ending in <c>/</c> (<c>references/dbp-fr/</c>).</summary>
    public required string Name { get; init; }

    public string Version { get; init; } = "";
    public ReferenceStatus Status { get; init; }
    public string? Error { get; init; }
    public int EntityCount { get; init; }

    /// <summary>The files the latest attempt read, by name.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The latest modification time among those files: an attempt that read older files never overwrites a newer one.</summary>
    public DateTimeOffset SourceModifiedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Concurrency token; null for a record that has not been saved yet.</summary>
    public string? ETag { get; init; }
}

/// <summary>Indexed reference graphs and glossaries: a record per source, and the entities of each stored version.</summary>
public interface IReferenceStore
{
    Task<ReferenceRecord?> GetReferenceAsync(string referenceId, CancellationToken cancellationToken);

    /// <summary>Creates (ETag null) or replaces (ETag matches) the record; throws <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    Task<ReferenceRecord> SaveReferenceAsync(ReferenceRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes the record only; its entities go with <see cref="DeleteReferenceEntitiesAsync"/>.</summary>
    Task DeleteReferenceAsync(string referenceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReferenceRecord>> ListReferencesAsync(CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="entities"/> the entities of this version of the reference; repeating the call writes the same.</summary>
    Task WriteReferenceEntitiesAsync(string referenceId, string version, IReadOnlyList<IndexedReferenceEntity> entities, CancellationToken cancellationToken);

    /// <summary>The entities of a version in the order written; empty when there are none.</summary>
    Task<IReadOnlyList<IndexedReferenceEntity>> GetReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken);

    Task DeleteReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken);
}
