using System.IO.Compression;
using System.Net;
using System.Xml.Linq;

namespace GraphFusion.Api.Tests;

public class ExportTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const int Entities = 7;
    private const int Relations = 5;

    [Fact]
    public async Task GraphML_parses_back_to_the_same_counts()
    {
        var xml = XDocument.Parse(await serve.Client.GetStringAsync("/api/export?format=graphml"));
        XNamespace g = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(Entities, xml.Descendants(g + "node").Count());
        Assert.Equal(Relations, xml.Descendants(g + "edge").Count());

        var sub = XDocument.Parse(await serve.Client.GetStringAsync("/api/export?format=graphml&ids=lstm&depth=1"));
        Assert.Equal((3, 2), (sub.Descendants(g + "node").Count(), sub.Descendants(g + "edge").Count()));
    }

    [Fact]
    public async Task Turtle_parses_back_to_the_same_counts()
    {
        var triples = TurtleReader.Parse(await serve.Client.GetStringAsync("/api/export?format=turtle"));
        const string type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
        Assert.Equal(Entities, triples.Count(t => t.Predicate == type && t.Object == "urn:graphfusion:vocab#Entity"));
        Assert.Equal(Relations, triples.Count(t => t.Predicate == type && t.Object == "urn:graphfusion:vocab#Relation"));
        Assert.Equal(Relations, triples.Count(t => t.Predicate.StartsWith("urn:graphfusion:relation-type#", StringComparison.Ordinal)));
        Assert.Contains(triples, t => t.Predicate == "http://www.w3.org/2000/01/rdf-schema#label" && t.Object == "\"=SUM(A1) island, \"quoted\"\"");
        Assert.Contains(triples, t => t.Predicate == "http://www.w3.org/2004/02/skos/core#altLabel" && t.Object == "\"LSTM\"");
    }

    [Fact]
    public async Task Csv_zip_and_the_two_tables_hold_every_node_and_edge_with_quoting()
    {
        using var zip = new ZipArchive(await serve.Client.GetStreamAsync("/api/export?format=csv"));
        Assert.Equal(["edges.csv", "nodes.csv"], zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        var nodes = await serve.Client.GetStringAsync("/api/export?format=nodes.csv");
        var edges = await serve.Client.GetStringAsync("/api/export?format=edges.csv");
        Assert.Equal(Entities + 1, CsvRows(nodes));
        Assert.Equal(Relations + 1, CsvRows(edges));
        Assert.Contains("\"'=SUM(A1) island, \"\"quoted\"\"\"", nodes, StringComparison.Ordinal);
        Assert.StartsWith("id,source,target,type,confidence,inferred,evidence\r\n", edges, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_export_and_bad_format()
    {
        var json = System.Text.Json.JsonDocument.Parse(await serve.Client.GetStringAsync("/api/export?format=json")).RootElement;
        Assert.Equal((Entities, Relations), (json.GetProperty("entities").GetArrayLength(), json.GetProperty("relations").GetArrayLength()));
        Assert.Equal(HttpStatusCode.BadRequest, (await serve.Client.GetAsync("/api/export?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serve.Client.GetAsync("/api/export?format=json&ids=nope")).StatusCode);
    }

    /// <summary>Rows of an RFC 4180 table: line breaks inside quotes do not end a row.</summary>
    private static int CsvRows(string csv)
    {
        var rows = 0;
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && csv[i] == '\n')
            {
                rows++;
            }
        }

        return rows;
    }
}
