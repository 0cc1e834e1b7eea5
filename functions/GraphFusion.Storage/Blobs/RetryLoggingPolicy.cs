using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Storage.Blobs;

/// <summary>
/// Runs once per attempt (inside the retry policy) and logs attempts that failed with a status the retry policy
/// retries (408, 429, 500, 502, 503, 504) or with a transport error, and attempts that are themselves retries.
/// </summary>
internal sealed partial class RetryLoggingPolicy(ILogger logger) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (Log(message, ex))
        {
            throw;
        }

        Log(message, null);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (Log(message, ex))
        {
            throw;
        }

        Log(message, null);
    }

    // Returns false so that it can run as an exception filter without catching anything.
    private bool Log(HttpMessage message, Exception? error)
    {
        var attempt = message.ProcessingContext.RetryNumber;
        var method = message.Request.Method.Method;
        var path = message.Request.Uri.Path;
        if (error is not null)
        {
            LogAttemptError(method, path, attempt, error.GetType().Name, error.Message);
        }
        else if (message.HasResponse && IsTransient(message.Response.Status))
        {
            LogAttemptStatus(method, path, attempt, message.Response.Status, message.Response.ReasonPhrase);
        }
        else if (attempt > 0)
        {
            LogRecovered(method, path, attempt, message.Response.Status);
        }

        return false;
    }

    private static bool IsTransient(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Blob request {Method} {Path} attempt {Retry} (0 = first) failed with {Status} {Reason}; retried if retries remain")]
    private partial void LogAttemptStatus(string method, string path, int retry, int status, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Blob request {Method} {Path} attempt {Retry} (0 = first) failed: {Error} {Message}; retried if retries remain")]
    private partial void LogAttemptError(string method, string path, int retry, string error, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Blob request {Method} {Path} answered {Status} on retry {Retry}")]
    private partial void LogRecovered(string method, string path, int retry, int status);
}
