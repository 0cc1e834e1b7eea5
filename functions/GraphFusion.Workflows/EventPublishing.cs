using GraphFusion.Core.Events;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>Raises an event from an orchestration. Events are a side channel: a publishing failure never fails the run.</summary>
public static class EventPublishing
{
    public static async Task PublishAsync(TaskOrchestrationContext context, GraphEvent graphEvent)
    {
        try
        {
            await context.CallActivityAsync<int>(ActivityNames.PublishEvent, graphEvent, PipelineRetry.Default);
        }
        catch (TaskFailedException)
        {
            // Retries are spent; the graph is already correct and the next event will be published.
        }
    }

    public static DateTimeOffset Now(TaskOrchestrationContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);
}
