namespace GraphFusion.Core.References;

/// <summary>One file of a reference: its name within the reference's folder (or the file's own name), bytes and modification time.</summary>
public sealed record ReferenceFile(string Name, byte[] Content, DateTimeOffset LastModified);

/// <summary>Where reference files come from: local files, or the <c>references</c> blob container.</summary>
public interface IReferenceSource
{
    /// <summary>
    /// The files of a reference: the file itself, or the files directly in a folder reference (a name ending in <c>/</c>);
    /// empty when the reference no longer exists.
    /// </summary>
    Task<IReadOnlyList<ReferenceFile>> ReadAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Whether the reference still exists; references that no longer do are removed by the re-fusion pass.</summary>
    Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken);
}
