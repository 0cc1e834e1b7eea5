using GraphFusion.Llm.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GraphFusion.Llm.Resilience;

/// <summary>
/// The one place chat calls get their resilience, outermost first: a concurrency limit, retries with exponential backoff
/// and jitter that honour Retry-After on 429/503, a circuit breaker, and a timeout per attempt.
/// </summary>
public static class LlmResiliencePipelineFactory
{
    public static ResiliencePipeline Create(LlmResilienceOptions options, TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        var transient = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddConcurrencyLimiter(options.MaxConcurrency, queueLimit: int.MaxValue);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay > options.MaxRetryAfter ? options.MaxDelay : options.MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome.Exception, options, time)),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = Math.Max(2, options.CircuitBreakerMinimumThroughput),
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    private static TimeSpan? RetryAfterDelay(Exception? exception, LlmResilienceOptions options, TimeProvider time)
    {
        var asked = TransientFailures.RetryAfter(exception, time);
        if (asked is null)
        {
            return null;
        }

        return asked.Value > options.MaxRetryAfter ? options.MaxRetryAfter : asked.Value;
    }
}
