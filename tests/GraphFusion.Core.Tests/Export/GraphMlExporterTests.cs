using System.Globalization;
using System.Xml.Linq;
using GraphFusion.Core.Export;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Export;

public sealed class GraphMlExporterTests
{
    private static readonly XNamespace Ns = GraphMlExporter.Namespace;

    private static XDocument Export(GraphSnapshot graph)
    {
        using var stream = new MemoryStream();
        GraphMlExporter.Write(graph, stream);
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    private static string Data(XElement element, string key) =>
        element.Elements(Ns + "data").Single(d => (string?)d.Attribute("key") == key).Value;

    [Fact]
    public void Round_trips_nodes_and_edges_with_their_attributes()
    {
        var graph = ExportSamples.Curie();
        var doc = Export(graph);

        var root = doc.Root!;
        Assert.Equal(Ns + "graphml", root.Name);
        var g = Assert.Single(root.Elements(Ns + "graph"));
        Assert.Equal("directed", (string?)g.Attribute("edgedefault"));

        var nodes = g.Elements(Ns + "node").ToDictionary(n => (string)n.Attribute("id")!);
        var edges = g.Elements(Ns + "edge").ToDictionary(e => (string)e.Attribute("id")!);
        Assert.Equal(graph.Entities.Count, nodes.Count);
        Assert.Equal(graph.Relations.Count, edges.Count);

        foreach (var entity in graph.Entities)
        {
            var node = nodes[entity.Id];
            Assert.Equal(entity.Name, Data(node, "name"));
            Assert.Equal(entity.Type, Data(node, "type"));
            Assert.Equal(string.Join(" | ", entity.Aliases), Data(node, "aliases"));
            Assert.Equal(entity.MentionCount, int.Parse(Data(node, "mentions"), CultureInfo.InvariantCulture));
            Assert.Equal(entity.DocumentCount, int.Parse(Data(node, "documents"), CultureInfo.InvariantCulture));
        }

        foreach (var relation in graph.Relations)
        {
            var edge = edges[relation.Id];
            Assert.Equal(relation.HeadId, (string?)edge.Attribute("source"));
            Assert.Equal(relation.TailId, (string?)edge.Attribute("target"));
            Assert.Equal(relation.Type, Data(edge, "relationType"));
            Assert.Equal(relation.Confidence, double.Parse(Data(edge, "confidence"), CultureInfo.InvariantCulture));
            Assert.Equal(relation.Inferred, bool.Parse(Data(edge, "inferred")));
            Assert.Equal(relation.Evidence.Count, int.Parse(Data(edge, "evidence"), CultureInfo.InvariantCulture));
        }

        Assert.Equal("Maria Skłodowska-Curie | Madame Curie", Data(nodes["e-marie"], "aliases"));
        Assert.Equal(ExportSamples.Injection, Data(nodes["e-evil"], "name"));
    }

    [Fact]
    public void Declares_every_key_it_uses_for_the_right_element()
    {
        var doc = Export(ExportSamples.Curie());
        var keys = doc.Root!.Elements(Ns + "key").ToDictionary(k => (string)k.Attribute("id")!);

        Assert.Equal("type", (string?)keys["relationType"].Attribute("attr.name"));
        Assert.Equal("double", (string?)keys["confidence"].Attribute("attr.type"));
        Assert.Equal("boolean", (string?)keys["inferred"].Attribute("attr.type"));
        Assert.Equal("int", (string?)keys["mentions"].Attribute("attr.type"));
        foreach (var data in doc.Descendants(Ns + "data"))
        {
            var key = keys[(string)data.Attribute("key")!];
            Assert.Equal(data.Parent!.Name.LocalName, (string?)key.Attribute("for"));
        }
    }

    [Fact]
    public void Drops_characters_xml_cannot_hold_and_relations_to_missing_entities()
    {
        Entity[] entities =
        [
            new() { Id = "a", Name = "Bad\u0001name\uD800", Type = "T\u001F" },
            new() { Id = "b", Name = "Emoji 🧪", Type = "T" },
        ];
        Relation[] relations =
        [
            new() { Id = "r1", HeadId = "a", Type = "R", TailId = "b", Confidence = 0.5 },
            new() { Id = "r2", HeadId = "a", Type = "R", TailId = "missing", Confidence = 0.5 },
        ];
        var doc = Export(new GraphSnapshot(entities, relations, new Dictionary<string, string>()));

        var nodes = doc.Descendants(Ns + "node").ToList();
        Assert.Equal("Badname", Data(nodes[0], "name"));
        Assert.Equal("T", Data(nodes[0], "type"));
        Assert.Equal("Emoji 🧪", Data(nodes[1], "name"));
        Assert.Equal("r1", (string?)Assert.Single(doc.Descendants(Ns + "edge")).Attribute("id"));
    }

    [Fact]
    public void Writes_an_empty_graph_and_leaves_the_stream_open()
    {
        using var stream = new MemoryStream();
        GraphMlExporter.Write(new GraphSnapshot([], [], new Dictionary<string, string>()), stream);
        Assert.True(stream.CanWrite);
        stream.Position = 0;
        var doc = XDocument.Load(stream);
        Assert.Empty(doc.Descendants(Ns + "node"));
        Assert.Single(doc.Descendants(Ns + "graph"));
    }
}
