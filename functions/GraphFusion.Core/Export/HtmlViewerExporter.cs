using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace GraphFusion.Core.Export;

/// <summary>
/// One self-contained HTML page (inline CSS and script, nothing loaded from anywhere) that draws the graph with a
/// force-directed layout, searches it and shows each relation's provenance. The template is the embedded
/// resource <c>viewer.html</c>; the graph goes into its <c>&lt;script type="application/json" id="graph-data"&gt;</c>
/// element with every <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> escaped, so document text cannot end the element.
/// A Content-Security-Policy allows only the viewer's own script (by hash): no network access, no injected script.
/// </summary>
public static partial class HtmlViewerExporter
{
    internal const string TemplateResourceName = "GraphFusion.Core.Export.viewer.html";
    private const string ViewerScriptStart = "<script data-viewer>";

    private static readonly Lazy<(string Template, string ScriptHash)> Template = new(LoadTemplate);

    /// <summary>Escapes HTML-sensitive characters (<c>&lt; &gt; &amp; ' "</c>) as <c>\uXXXX</c>, keeps other text readable.</summary>
    private static readonly JavaScriptEncoder DataEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static void Write(GraphSnapshot graph, Stream output, string title)
    {
        var (template, scriptHash) = Template.Value;
        var data = SerializeData(graph, title);
        var html = Placeholder().Replace(template, match => match.Groups[1].Value switch
        {
            "TITLE" => WebUtility.HtmlEncode(title),
            "SCRIPT_HASH" => scriptHash,
            _ => data,
        });
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        writer.Write(html);
    }

    internal static string SerializeData(GraphSnapshot graph, string title)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DataEncoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("title", title);
            GraphJsonWriter.WriteBody(writer, graph);
            writer.WriteEndObject();
        }

        // The encoder already writes '<' as \u003C; this keeps "</" impossible whatever the encoder does.
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Replace("</", "<\\/", StringComparison.Ordinal);
    }

    private static (string Template, string ScriptHash) LoadTemplate()
    {
        using var stream = typeof(HtmlViewerExporter).Assembly.GetManifestResourceStream(TemplateResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {TemplateResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // Browsers normalise line breaks before hashing inline scripts; do the same so the hash matches.
        var template = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = template.IndexOf(ViewerScriptStart, StringComparison.Ordinal);
        var end = start < 0 ? -1 : template.IndexOf("</script>", start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException($"{TemplateResourceName} has no {ViewerScriptStart} element.");
        }

        var script = template[(start + ViewerScriptStart.Length)..end];
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        return (template, $"'sha256-{hash}'");
    }

    [GeneratedRegex(@"\{\{(TITLE|SCRIPT_HASH|GRAPH_DATA)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
