using System.Text.Json;

namespace GraphFusion.Core.Export;

/// <summary>
/// The stable JSON form: <c>{"entities":[{"id","name","type","aliases"}],"relations":[{"head","type","tail","confidence","inferred"}]}</c>
/// plus extra fields (mentions, documents, description; relation id, reasoning, evidence with document names and spans).
/// </summary>
public static class JsonGraphExporter
{
    public static void Write(GraphSnapshot graph, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        GraphJsonWriter.WriteBody(writer, graph);
        writer.WriteEndObject();
    }
}
