using System.Text.Json;

namespace GraphFusion.Core.Export;

/// <summary>
/// The graph as JSON, written once for every consumer (the JSON export and the viewer's data):
/// <c>{"entities":[{"id","name","type","aliases",...}],"relations":[{"id","head","type","tail","confidence","inferred","evidence"}]}</c>.
/// Relations whose head or tail is missing are left out; non-finite numbers are written as null.
/// </summary>
internal static class GraphJsonWriter
{
    public static void WriteBody(Utf8JsonWriter writer, GraphSnapshot graph)
    {
        writer.WriteStartArray("entities");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in graph.Entities.OrderBy(e => e.Id, StringComparer.Ordinal).Where(e => ids.Add(e.Id)))
        {
            writer.WriteStartObject();
            writer.WriteString("id", entity.Id);
            writer.WriteString("name", entity.Name);
            writer.WriteString("type", entity.Type);
            writer.WriteStartArray("aliases");
            foreach (var alias in entity.Aliases)
            {
                writer.WriteStringValue(alias);
            }

            writer.WriteEndArray();
            if (entity.Description is not null)
            {
                writer.WriteString("description", entity.Description);
            }

            writer.WriteNumber("mentions", entity.MentionCount);
            writer.WriteNumber("documents", entity.DocumentCount);
            if (entity.Reference is { } reference)
            {
                writer.WriteStartObject("reference");
                writer.WriteString("id", reference.Id);
                WriteNumber(writer, "confidence", reference.Confidence);
                writer.WriteNumber("documents", reference.Documents);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("relations");
        foreach (var relation in graph.Relations.OrderBy(r => r.Id, StringComparer.Ordinal).Where(r => ids.Contains(r.HeadId) && ids.Contains(r.TailId)))
        {
            writer.WriteStartObject();
            writer.WriteString("id", relation.Id);
            writer.WriteString("head", relation.HeadId);
            writer.WriteString("type", relation.Type);
            writer.WriteString("tail", relation.TailId);
            WriteNumber(writer, "confidence", relation.Confidence);
            writer.WriteBoolean("inferred", relation.Inferred);
            if (relation.Reasoning is not null)
            {
                writer.WriteString("reasoning", relation.Reasoning);
            }

            if (relation.Adjudication is not null)
            {
                writer.WriteString("adjudication", relation.Adjudication);
            }

            writer.WriteStartArray("evidence");
            foreach (var evidence in relation.Evidence)
            {
                writer.WriteStartObject();
                writer.WriteString("document", graph.DocumentNames.GetValueOrDefault(evidence.DocumentId, evidence.DocumentId));
                writer.WriteString("chunk", evidence.ChunkId);
                writer.WriteNumber("start", evidence.Start);
                writer.WriteNumber("end", evidence.End);
                writer.WriteString("text", evidence.Snippet);
                writer.WriteString("claimedType", evidence.ClaimedType);
                WriteNumber(writer, "confidence", evidence.Confidence);
                writer.WriteString("extractor", evidence.Extractor);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
