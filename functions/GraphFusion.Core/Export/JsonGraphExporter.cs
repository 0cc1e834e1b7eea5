using System.Text.Json;

namespace GraphFusion.Core.Export;

/// <summary>
/// The stable JSON form: <c>{"entities":[{"id","name","type","aliases"}],"relations":[{"head","type","tail","confidence","inferred"}]}</c>
/// plus extra fields (description, evidence with document names and spans).
/// </summary>
public static class JsonGraphExporter
{
    public static void Write(GraphSnapshot graph, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartArray("entities");
        foreach (var entity in graph.Entities.OrderBy(e => e.Id, StringComparer.Ordinal))
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
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("relations");
        foreach (var relation in graph.Relations.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("id", relation.Id);
            writer.WriteString("head", relation.HeadId);
            writer.WriteString("type", relation.Type);
            writer.WriteString("tail", relation.TailId);
            writer.WriteNumber("confidence", relation.Confidence);
            writer.WriteBoolean("inferred", relation.Inferred);
            if (relation.Reasoning is not null)
            {
                writer.WriteString("reasoning", relation.Reasoning);
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
                writer.WriteNumber("confidence", evidence.Confidence);
                writer.WriteString("extractor", evidence.Extractor);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
