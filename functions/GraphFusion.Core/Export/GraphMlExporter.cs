using System.Globalization;
using System.Text;
using System.Xml;

namespace GraphFusion.Core.Export;

/// <summary>
/// GraphML (directed) for yEd, Gephi, Cytoscape and NetworkX. Node and edge ids are the graph's ids.
/// Node data: <c>name</c>, <c>type</c>, <c>aliases</c> (joined by <c>" | "</c>), <c>description</c>, <c>mentions</c>, <c>documents</c>.
/// Edge data: <c>type</c>, <c>confidence</c>, <c>inferred</c>, <c>evidence</c> (the number of evidence items).
/// Relations whose head or tail is not among the entities (a partial snapshot) are left out.
/// </summary>
public static class GraphMlExporter
{
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";
    public const string AliasSeparator = " | ";

    private static readonly (string Id, string For, string Name, string Type)[] Keys =
    [
        ("name", "node", "name", "string"),
        ("type", "node", "type", "string"),
        ("aliases", "node", "aliases", "string"),
        ("description", "node", "description", "string"),
        ("mentions", "node", "mentions", "int"),
        ("documents", "node", "documents", "int"),
        ("relationType", "edge", "type", "string"),
        ("confidence", "edge", "confidence", "double"),
        ("inferred", "edge", "inferred", "boolean"),
        ("evidence", "edge", "evidence", "int"),
    ];

    public static void Write(GraphSnapshot graph, Stream output)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            CloseOutput = false,
        };
        using var writer = XmlWriter.Create(output, settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", Namespace);
        foreach (var (id, kind, name, type) in Keys)
        {
            writer.WriteStartElement("key", Namespace);
            writer.WriteAttributeString("id", id);
            writer.WriteAttributeString("for", kind);
            writer.WriteAttributeString("attr.name", name);
            writer.WriteAttributeString("attr.type", type);
            writer.WriteEndElement();
        }

        writer.WriteStartElement("graph", Namespace);
        writer.WriteAttributeString("id", "G");
        writer.WriteAttributeString("edgedefault", "directed");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in graph.Entities.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (!ids.Add(entity.Id))
            {
                continue;
            }

            writer.WriteStartElement("node", Namespace);
            writer.WriteAttributeString("id", XmlText(entity.Id));
            WriteData(writer, "name", entity.Name);
            WriteData(writer, "type", entity.Type);
            WriteData(writer, "aliases", string.Join(AliasSeparator, entity.Aliases));
            if (entity.Description is not null)
            {
                WriteData(writer, "description", entity.Description);
            }

            WriteData(writer, "mentions", entity.MentionCount.ToString(CultureInfo.InvariantCulture));
            WriteData(writer, "documents", entity.DocumentCount.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relation in graph.Relations.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!ids.Contains(relation.HeadId) || !ids.Contains(relation.TailId) || !edgeIds.Add(relation.Id))
            {
                continue;
            }

            writer.WriteStartElement("edge", Namespace);
            writer.WriteAttributeString("id", XmlText(relation.Id));
            writer.WriteAttributeString("source", XmlText(relation.HeadId));
            writer.WriteAttributeString("target", XmlText(relation.TailId));
            WriteData(writer, "relationType", relation.Type);
            WriteData(writer, "confidence", XmlConvert.ToString(relation.Confidence));
            WriteData(writer, "inferred", XmlConvert.ToString(relation.Inferred));
            WriteData(writer, "evidence", relation.Evidence.Count.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteData(XmlWriter writer, string key, string value)
    {
        writer.WriteStartElement("data", Namespace);
        writer.WriteAttributeString("key", key);
        writer.WriteString(XmlText(value));
        writer.WriteEndElement();
    }

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates) that extracted document text may contain.</summary>
    internal static string XmlText(string value)
    {
        var firstInvalid = FirstInvalid(value);
        if (firstInvalid < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, firstInvalid);
        for (var i = firstInvalid; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int FirstInvalid(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }
}
