using System.Text.Json;

namespace GraphFusion.Core.Events;

/// <summary>The CloudEvents 1.0 structured JSON form of an event, as webhooks receive it.</summary>
public static class CloudEventJson
{
    public const string ContentType = "application/cloudevents+json";

    public static string Serialize(GraphEvent graphEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", graphEvent.Id);
            writer.WriteString("source", graphEvent.Source);
            writer.WriteString("type", graphEvent.Type);
            if (graphEvent.Subject is not null)
            {
                writer.WriteString("subject", graphEvent.Subject);
            }

            writer.WriteString("time", graphEvent.Time.ToUniversalTime());
            writer.WriteString("datacontenttype", "application/json");
            writer.WritePropertyName("data");
            graphEvent.Data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
