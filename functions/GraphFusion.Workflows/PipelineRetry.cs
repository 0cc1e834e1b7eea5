using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>Retries with exponential backoff for activities; their bodies are idempotent, so a retry is always safe.</summary>
public static class PipelineRetry
{
    public static TaskOptions Default { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromSeconds(30)));
}
