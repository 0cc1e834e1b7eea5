using GraphFusion.GpuWorker.Batching;

namespace GraphFusion.GpuWorker.Endpoints;

/// <summary>The answer to a request the batching queue did not take: 429 when it is full, 503 while shutting down; both with Retry-After.</summary>
internal static class QueueRejection
{
    public static IResult? For(EnqueueStatus status, HttpContext context)
    {
        switch (status)
        {
            case EnqueueStatus.QueueFull:
                context.Response.Headers.RetryAfter = "1";
                return JsonBody.Error(StatusCodes.Status429TooManyRequests, "The worker is busy; retry shortly.", "queue_full", type: "rate_limit_error");
            case EnqueueStatus.ShuttingDown:
                context.Response.Headers.RetryAfter = "1";
                return JsonBody.Error(StatusCodes.Status503ServiceUnavailable, "The worker is shutting down.", "shutting_down", type: "server_error");
            default:
                return null;
        }
    }
}
