using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using GraphFusion.Core.Events;

namespace GraphFusion.Events;

/// <summary>Publishes events to an Event Grid topic as CloudEvents 1.0, authenticating with Entra ID (no keys).</summary>
public sealed class EventGridEventPublisher(EventGridPublisherClient client) : IEventPublisher
{
    public static IEventPublisher Create(string? topicEndpoint) =>
        string.IsNullOrWhiteSpace(topicEndpoint)
            ? NullEventPublisher.Instance
            : new EventGridEventPublisher(new EventGridPublisherClient(new Uri(topicEndpoint), new DefaultAzureCredential()));

    public async Task PublishAsync(GraphEvent graphEvent, CancellationToken cancellationToken) =>
        await client.SendEventAsync(ToCloudEvent(graphEvent), cancellationToken);

    public static CloudEvent ToCloudEvent(GraphEvent graphEvent) =>
        new(graphEvent.Source, graphEvent.Type, BinaryData.FromString(graphEvent.Data.GetRawText()), "application/json", CloudEventDataFormat.Json)
        {
            Id = graphEvent.Id,
            Subject = graphEvent.Subject,
            Time = graphEvent.Time,
        };
}
