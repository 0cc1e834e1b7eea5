using GraphFusion.Core.Export;
using GraphFusion.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace GraphFusion.Api;

/// <summary>
/// <c>GET /api/export?format=json|graphml|csv|nodes.csv|edges.csv|turtle[&amp;ids=A,B&amp;depth=1]</c>: the whole graph, or
/// the subgraph around <c>ids</c>. <c>csv</c> is a zip of nodes.csv and edges.csv.
/// </summary>
public sealed class ExportEndpoints(IGraphStore store)
{
    private static readonly Dictionary<string, (string ContentType, string File, Action<GraphSnapshot, Stream> Write)> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = ("application/json", "graph.json", JsonGraphExporter.Write),
        ["graphml"] = ("application/graphml+xml", "graph.graphml", GraphMlExporter.Write),
        ["csv"] = ("application/zip", "graph-csv.zip", CsvExporter.WriteZip),
        ["nodes.csv"] = ("text/csv; charset=utf-8", CsvExporter.NodesFile, CsvExporter.WriteNodes),
        ["edges.csv"] = ("text/csv; charset=utf-8", CsvExporter.EdgesFile, CsvExporter.WriteEdges),
        ["turtle"] = ("text/turtle; charset=utf-8", "graph.ttl", TurtleExporter.Write),
    };

    public static IReadOnlyCollection<string> FormatNames => Formats.Keys;

    public async Task<IResult> ExportAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var name = request.Text("format") ?? "json";
        if (!Formats.TryGetValue(name == "ttl" ? "turtle" : name, out var format))
        {
            return ApiResults.BadRequest($"query parameter 'format' must be one of {string.Join(", ", Formats.Keys)}");
        }

        var (snapshot, error) = await SubgraphSelection.LoadAsync(store, request, cancellationToken, wholeGraphWithoutIds: true);
        if (snapshot is null)
        {
            return error!;
        }

        using var buffer = new MemoryStream();
        format.Write(snapshot, buffer);
        return Results.File(buffer.ToArray(), format.ContentType, format.File);
    }
}
