using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker.Batching;
using GraphFusion.GpuWorker.Model;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Workers.Extraction;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Endpoints;

/// <summary>
/// <c>POST /v1/extract</c>: entities, relations and aliases of each text by the trained extractor, exactly as in-process
/// extraction finds them; <c>GET /v1/extract/model</c>: the extractor's name (model version).
/// </summary>
internal static class ExtractionEndpoints
{
    public static RouteGroupBuilder MapExtractionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/extract");
        group.MapPost("", ExtractAsync)
            .WithName("Extract")
            .WithSummary("Entities, relations and acronym aliases of each text (the trained span/relation extractor).")
            .Accepts<ExtractRequest>("application/json")
            .Produces<ExtractResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/model", GetModelAsync)
            .WithName("ExtractionModel")
            .WithSummary("The extractor's name, which carries its model version.")
            .Produces<ExtractModelInfo>()
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<IResult> ExtractAsync(
        HttpContext context,
        DynamicBatchingQueue<ChunkInput, ChunkExtraction> queue,
        ExtractorHost extractorHost,
        IOptions<LimitsOptions> limitsOptions)
    {
        var limits = limitsOptions.Value;
        var cancellationToken = context.RequestAborted;
        var (request, failure) = await JsonBody.ReadAsync<ExtractRequest>(context, limits.MaxRequestBodyBytes, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (ExtractRequestValidator.Validate(request!, limits, out var chunks) is { } invalid)
        {
            return invalid;
        }

        if (!extractorHost.IsReady)
        {
            context.Response.Headers.RetryAfter = "5";
            return JsonBody.Error(StatusCodes.Status503ServiceUnavailable, "The extractor is not ready yet.", "model_not_ready", type: "server_error");
        }

        if (QueueRejection.For(queue.TryEnqueue(chunks, cancellationToken, out var pending), context) is { } rejected)
        {
            return rejected;
        }

        var results = await pending;
        var name = (await extractorHost.Extractor).Name;
        return JsonBody.Ok(new ExtractResponse(name, [.. results.Select(ExtractMapping.ToWire)]));
    }

    private static async Task<IResult> GetModelAsync(ExtractorHost extractorHost)
    {
        if (!extractorHost.IsReady)
        {
            return JsonBody.Error(StatusCodes.Status503ServiceUnavailable, "The extractor is not ready yet.", "model_not_ready", type: "server_error");
        }

        var extractor = await extractorHost.Extractor;
        return Results.Json(new ExtractModelInfo(extractor.Name, extractor.EncoderLayer));
    }
}
