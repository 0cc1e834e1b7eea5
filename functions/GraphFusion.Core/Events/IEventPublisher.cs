namespace GraphFusion.Core.Events;

/// <summary>Sends an event to a broker. Publishing the same event twice is allowed: consumers deduplicate by id.</summary>
public interface IEventPublisher
{
    Task PublishAsync(GraphEvent graphEvent, CancellationToken cancellationToken);
}

/// <summary>Publishes nowhere: the default when no broker is configured.</summary>
public sealed class NullEventPublisher : IEventPublisher
{
    public static NullEventPublisher Instance { get; } = new();

    public Task PublishAsync(GraphEvent graphEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}
