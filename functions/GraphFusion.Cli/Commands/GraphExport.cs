using GraphFusion.Core.Export;
using GraphFusion.Core.Storage;

namespace GraphFusion.Cli.Commands;

/// <summary>Writes the store's graph to a file in one of the export formats.</summary>
internal static class GraphExport
{
    public static readonly string[] Formats = ["json", "graphml", "html"];

    public static async Task WriteAsync(IGraphStore store, string format, string path, CancellationToken cancellationToken)
    {
        var graph = await GraphSnapshot.LoadAsync(store, cancellationToken);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var output = File.Create(path);
        switch (format.ToLowerInvariant())
        {
            case "json":
                JsonGraphExporter.Write(graph, output);
                break;
            case "graphml":
                GraphMlExporter.Write(graph, output);
                break;
            case "html":
                HtmlViewerExporter.Write(graph, output, "GraphFusion graph");
                break;
            default:
                throw new ArgumentException($"--format '{format}' is not one of {string.Join(", ", Formats)}");
        }
    }
}
