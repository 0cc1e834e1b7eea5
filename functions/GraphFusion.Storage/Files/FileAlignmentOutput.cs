using GraphFusion.Core.Alignment.Jobs;

namespace GraphFusion.Storage.Files;

/// <summary>Alignment results in a local folder: job <c>…/fr-en.json</c> writes <c>{root}/fr-en/pairs.tsv</c> and <c>report.json</c>.</summary>
public sealed class FileAlignmentOutput(string root) : IAlignmentOutput
{
    public string Locate(string job, string file) => Path.Combine(Path.GetFullPath(root), Path.GetFileNameWithoutExtension(job), file);

    public async Task WriteAsync(string job, string file, byte[] content, CancellationToken cancellationToken)
    {
        var path = Locate(job, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Written beside and moved into place, so a reader never sees half a file.
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, content, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
