namespace GraphFusion.Core.Webhooks;

/// <summary>
/// Exponential backoff of webhook deliveries: attempt n (1-based) that fails waits <c>InitialDelay × 2^(n-1)</c>, capped
/// at <c>MaxDelay</c>; after <see cref="MaxAttempts"/> failed attempts the delivery is dead-lettered.
/// </summary>
public sealed record WebhookRetryPolicy(int MaxAttempts, double InitialDelaySeconds, double MaxDelaySeconds)
{
    public static WebhookRetryPolicy Default { get; } = new(8, 30, 3600);

    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelaySeconds, InitialDelaySeconds * Math.Pow(2, Math.Max(0, attempt - 1))));

    /// <summary>Every wait between attempts, in order (one fewer than the attempts).</summary>
    public IReadOnlyList<TimeSpan> Schedule() => [.. Enumerable.Range(1, Math.Max(0, MaxAttempts - 1)).Select(DelayAfter)];
}
