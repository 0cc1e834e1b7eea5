using GraphFusion.GpuWorker.Merging;
using GraphFusion.GpuWorker.Model;
using GraphFusion.Inference;

namespace GraphFusion.GpuWorker.Endpoints;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }))
            .AllowAnonymous()
            .WithName("Liveness")
            .WithSummary("Liveness: the process is up.");

        app.MapGet("/readyz", (EncoderHost host, MergeKernelHost mergeKernels, IHostApplicationLifetime lifetime) =>
            {
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    return Results.Json(new { status = "stopping" }, statusCode: StatusCodes.Status503ServiceUnavailable);
                }

                if (host.LoadError is { } error)
                {
                    return Results.Json(new { status = "failed", error }, statusCode: StatusCodes.Status503ServiceUnavailable);
                }

                if (!host.IsReady)
                {
                    return Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable);
                }

                var encoder = host.Model.Result;
                return Results.Json(new
                {
                    status = "ready",
                    model = encoder.Name,
                    dimensions = encoder.Dimensions,
                    maxSequenceLength = encoder.MaxSequenceLength,
                    executionProvider = encoder.ExecutionProvider,
                    onnxRuntimeFlavor = MiniLmEncoder.OnnxRuntimeFlavor,
                    cudaFallbackReason = encoder.CudaFallbackReason,
                    merging = mergeKernels.Describe(),
                });
            })
            .AllowAnonymous()
            .WithName("Readiness")
            .WithSummary("Readiness: 200 once the model is loaded and warmed up, with the execution provider in use.");

        return app;
    }
}
