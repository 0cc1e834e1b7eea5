using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GraphFusion.Core.Export;

/// <summary>
/// Two RFC 4180 tables: <c>nodes.csv</c> (<c>id,name,type,aliases,mentions,documents,description</c>) and
/// <c>edges.csv</c> (<c>id,source,target,type,confidence,inferred,evidence</c>), as Neo4j, Gephi and spreadsheets import them.
/// Aliases are joined by <c>" | "</c>. Text cells that a spreadsheet would run as a formula (starting with = + - @ or a
/// control character) are prefixed with <c>'</c>.
/// </summary>
public static class CsvExporter
{
    public const string NodesFile = "nodes.csv";
    public const string EdgesFile = "edges.csv";
    public const string AliasSeparator = " | ";

    public static void WriteNodes(GraphSnapshot graph, Stream output)
    {
        using var writer = Writer(output);
        writer.Write("id,name,type,aliases,mentions,documents,description\r\n");
        foreach (var entity in Snapshots.Entities(graph))
        {
            WriteRow(writer, Text(entity.Id), Text(entity.Name), Text(entity.Type), Text(string.Join(AliasSeparator, entity.Aliases)),
                Number(entity.MentionCount), Number(entity.DocumentCount), Text(entity.Description ?? ""));
        }
    }

    public static void WriteEdges(GraphSnapshot graph, Stream output)
    {
        using var writer = Writer(output);
        writer.Write("id,source,target,type,confidence,inferred,evidence\r\n");
        foreach (var relation in Snapshots.Relations(graph))
        {
            WriteRow(writer, Text(relation.Id), Text(relation.HeadId), Text(relation.TailId), Text(relation.Type),
                relation.Confidence.ToString("R", CultureInfo.InvariantCulture), relation.Inferred ? "true" : "false", Number(relation.Evidence.Count));
        }
    }

    /// <summary>A zip archive holding both tables.</summary>
    public static void WriteZip(GraphSnapshot graph, Stream output)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using (var nodes = archive.CreateEntry(NodesFile, CompressionLevel.Optimal).Open())
        {
            WriteNodes(graph, nodes);
        }

        using var edges = archive.CreateEntry(EdgesFile, CompressionLevel.Optimal).Open();
        WriteEdges(graph, edges);
    }

    private static StreamWriter Writer(Stream output) => new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);

    private static void WriteRow(StreamWriter writer, params string[] cells)
    {
        writer.Write(string.Join(',', cells));
        writer.Write("\r\n");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(string value)
    {
        if (value.Length > 0 && (value[0] is '=' or '+' or '-' or '@' || char.IsControl(value[0])))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
