using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GraphFusion.Core.Export;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Export;

public sealed partial class HtmlViewerExporterTests
{
    private const string DataStart = "<script type=\"application/json\" id=\"graph-data\">";

    internal static string Export(GraphSnapshot graph, string title = "Curie graph")
    {
        using var stream = new MemoryStream();
        HtmlViewerExporter.Write(graph, stream, title);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static (string Data, string Outside) Split(string html)
    {
        var start = html.IndexOf(DataStart, StringComparison.Ordinal);
        Assert.True(start >= 0, "graph-data element missing");
        start += DataStart.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return (html[start..end], html[..start] + html[end..]);
    }

    [Fact]
    public void Embeds_the_graph_as_json_that_parses_back()
    {
        var graph = ExportSamples.Curie();
        var (data, _) = Split(Export(graph));

        using var json = JsonDocument.Parse(data);
        var entities = json.RootElement.GetProperty("entities");
        var relations = json.RootElement.GetProperty("relations");
        Assert.Equal(graph.Entities.Count, entities.GetArrayLength());
        Assert.Equal(graph.Relations.Count, relations.GetArrayLength());

        var names = entities.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet();
        Assert.Contains("Marie Curie", names);
        Assert.Contains(ExportSamples.Injection, names);

        var marie = entities.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "e-marie");
        Assert.Equal(["Maria Skłodowska-Curie", "Madame Curie"], marie.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(14, marie.GetProperty("mentions").GetInt32());

        var mixed = relations.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "r-3");
        var evidence = mixed.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(2, evidence.Count);
        Assert.Equal("lab-notes.docx", evidence[1].GetProperty("document").GetString());
        Assert.Equal("EMPLOYED_BY", evidence[1].GetProperty("claimedType").GetString());
        Assert.Equal("llm:test", evidence[1].GetProperty("extractor").GetString());
        Assert.Equal(0.4, evidence[1].GetProperty("confidence").GetDouble());

        var inferred = relations.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "r-9");
        Assert.True(inferred.GetProperty("inferred").GetBoolean());
        Assert.StartsWith("SPOUSE_OF", inferred.GetProperty("reasoning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Document_text_cannot_break_out_of_the_data_element()
    {
        var html = Export(ExportSamples.Curie());
        var (data, outside) = Split(html);

        Assert.DoesNotContain('<', data);
        Assert.DoesNotContain('>', data);
        Assert.DoesNotContain("</", data, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>evil", html, StringComparison.Ordinal);

        // Exactly the two script elements of the template: the data and the viewer.
        Assert.Equal(2, ScriptOpen().Count(html));
        Assert.Equal(2, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("alert", outside, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_nothing_from_anywhere()
    {
        var html = Export(ExportSamples.Curie());
        var (_, outside) = Split(html);

        foreach (var forbidden in new[] { "http:", "https:", "src=", "href=", "url(", "@import", "//cdn", "fetch(", "XMLHttpRequest", "import(" })
        {
            Assert.DoesNotContain(forbidden, outside, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_security_policy_allows_exactly_the_viewer_script()
    {
        var html = Export(ExportSamples.Curie());
        var start = html.IndexOf("<script data-viewer>", StringComparison.Ordinal) + "<script data-viewer>".Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end])));

        Assert.Contains($"script-src 'sha256-{hash}';", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Exposes_the_elements_and_hooks_the_tests_drive()
    {
        var html = Export(ExportSamples.Curie());
        foreach (var id in new[] { "search", "graph-canvas", "details", "stats", "search-results", "graph-data" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("window.graphfusion = api", html, StringComparison.Ordinal);
        foreach (var member in new[] { "nodeCount:", "visibleNodeCount:", "search:", "select:" })
        {
            Assert.Contains(member, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Encodes_the_title()
    {
        var html = Export(ExportSamples.Curie(), "Curie & Co <script>alert(3)</script>");
        Assert.Contains("<title>Curie &amp; Co &lt;script&gt;alert(3)&lt;/script&gt;</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(3)</script>", html, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(Split(html).Data);
        Assert.Equal("Curie & Co <script>alert(3)</script>", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Placeholder_text_in_the_data_is_left_alone()
    {
        Entity[] entities = [new() { Id = "a", Name = "{{TITLE}} {{GRAPH_DATA}}", Type = "T" }];
        var html = Export(new GraphSnapshot(entities, [], new Dictionary<string, string>()), "{{SCRIPT_HASH}}");

        using var json = JsonDocument.Parse(Split(html).Data);
        Assert.Equal("{{TITLE}} {{GRAPH_DATA}}", json.RootElement.GetProperty("entities")[0].GetProperty("name").GetString());
        Assert.Equal("{{SCRIPT_HASH}}", json.RootElement.GetProperty("title").GetString());
        Assert.Single(Regex.Matches(html, "script-src 'sha256-"));
    }

    [Fact]
    public void Skips_relations_to_missing_entities_and_non_finite_numbers()
    {
        Entity[] entities = [new() { Id = "a", Name = "A", Type = "T" }, new() { Id = "b", Name = "B", Type = "T" }];
        Relation[] relations =
        [
            new() { Id = "r1", HeadId = "a", Type = "R", TailId = "b", Confidence = double.NaN },
            new() { Id = "r2", HeadId = "a", Type = "R", TailId = "gone" },
        ];
        using var json = JsonDocument.Parse(Split(Export(new GraphSnapshot(entities, relations, new Dictionary<string, string>()))).Data);
        var relation = Assert.Single(json.RootElement.GetProperty("relations").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, relation.GetProperty("confidence").ValueKind);
    }

    [GeneratedRegex("<script[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOpen();
}
