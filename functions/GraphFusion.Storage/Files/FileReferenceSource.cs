using GraphFusion.Core.References;

namespace GraphFusion.Storage.Files;

/// <summary>References on the local file system: a file, or a folder (its name ends in <c>/</c>) with the files directly in it.</summary>
public sealed class FileReferenceSource : IReferenceSource
{
    public async Task<IReadOnlyList<ReferenceFile>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var paths = ReferenceNames.IsFolder(reference)
            ? Directory.Exists(reference) ? Directory.GetFiles(reference).Order(StringComparer.Ordinal).ToArray() : []
            : File.Exists(reference) ? [reference] : [];
        var files = new List<ReferenceFile>();
        foreach (var path in paths)
        {
            files.Add(new ReferenceFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken), File.GetLastWriteTimeUtc(path)));
        }

        return files;
    }

    /// <remarks>A name that is not a full path (a blob's, when the store is shared with the Functions app) is not for this source to remove.</remarks>
    public Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(!Path.IsPathFullyQualified(reference)
            || (ReferenceNames.IsFolder(reference) ? Directory.Exists(reference) && Directory.EnumerateFiles(reference).Any() : File.Exists(reference)));
}
