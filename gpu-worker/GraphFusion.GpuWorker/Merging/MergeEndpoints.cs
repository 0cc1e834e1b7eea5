using GraphFusion.Merging.Recipes;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Merging;

/// <summary><c>POST /v1/merges</c> (validate, then queue), <c>GET /v1/merges/{id}</c>, <c>GET /v1/merges/{id}/files/{path}</c> and <c>GET /v1/merges</c>.</summary>
internal static class MergeEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapMergeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/merges");
        group.MapPost("/", SubmitAsync)
            .WithName("SubmitMerge")
            .WithSummary("Validates a merge recipe and queues the merge; model paths are relative to the worker's models root.")
            .Accepts<MergeJobRequest>("application/json", "application/yaml", "text/yaml", "text/plain")
            .Produces<MergeJobView>(StatusCodes.Status202Accepted)
            .Produces<MergeJobView>()
            .Produces<MergeErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<MergeErrorResponse>(StatusCodes.Status409Conflict)
            .Produces<MergeErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<MergeErrorResponse>(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}", Get)
            .WithName("GetMerge")
            .WithSummary("State, progress, result or error of a merge job.")
            .Produces<MergeJobView>()
            .Produces<MergeErrorResponse>(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/files/{**path}", GetFile)
            .WithName("GetMergeOutputFile")
            .WithSummary("Streams one output file of a succeeded merge (a path from its result's file list); range requests supported.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces<MergeErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<MergeErrorResponse>(StatusCodes.Status409Conflict);
        group.MapGet("/", (MergeJobStore store) => Results.Json(store.List().Select(j => j.Snapshot())))
            .WithName("ListMerges")
            .WithSummary("The jobs this worker remembers, most recent first.");
        return group;
    }

    private static IResult Get(string id, MergeJobStore store) =>
        store.Get(id) is { } job
            ? Results.Json(job.Snapshot())
            : Error(StatusCodes.Status404NotFound, $"No merge job '{id}' (unknown, or older than the kept history).", "job_not_found");

    private static IResult GetFile(string id, string path, MergeJobStore store)
    {
        if (store.Get(id) is not { } job)
        {
            return Error(StatusCodes.Status404NotFound, $"No merge job '{id}' (unknown, or older than the kept history).", "job_not_found");
        }

        var view = job.Snapshot();
        if (view.State != MergeJobStates.Succeeded || view.Result is null)
        {
            return Error(StatusCodes.Status409Conflict, $"Merge job '{id}' is {view.State}; its files are served once it has succeeded.", "job_not_succeeded");
        }

        // Only names from the job's own file list are served, so the path can never leave the output folder.
        var file = view.Result.Files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.Ordinal));
        var fullPath = file is null ? null : Path.GetFullPath(Path.Combine(job.OutputDirectory, file.Path));
        return fullPath is not null && File.Exists(fullPath)
            ? Results.File(fullPath, "application/octet-stream", enableRangeProcessing: true)
            : Error(StatusCodes.Status404NotFound, $"Merge job '{id}' has no output file '{path}'.", "file_not_found");
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, MergeJobStore store, IOptions<MergeJobOptions> options, TimeProvider clock)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "Merges are not configured on this worker: set Merging:ModelsRoot.", "merging_not_configured");
        }

        var key = context.Request.Headers[IdempotencyHeader].FirstOrDefault();
        if (!string.IsNullOrEmpty(key) && store.FindByKey(key) is { } known)
        {
            return Results.Json(known.Snapshot());
        }

        var (request, readError) = await MergeRequestReader.ReadAsync(context.Request, settings.MaxRecipeBytes, context.RequestAborted);
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, readError!, "invalid_request");
        }

        var submission = await Task.Run(() => MergeSubmission.Prepare(request, settings), context.RequestAborted);
        if (submission.Problems.Count > 0)
        {
            return Results.Json(
                new MergeErrorResponse($"The recipe has {submission.Problems.Count} problem(s).", submission.Code, submission.Problems, submission.Report),
                statusCode: StatusCodes.Status400BadRequest);
        }

        var id = Guid.NewGuid().ToString("N");
        var output = request.Output ?? id;
        var directory = Path.Combine(settings.ResolvedOutputRoot, output);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return Error(StatusCodes.Status409Conflict, $"The output '{output}' already exists; choose another name.", "output_exists");
        }

        var job = new MergeJob(id, string.IsNullOrEmpty(key) ? null : key, output, directory, submission.Recipe!, clock.GetUtcNow());
        var (status, stored) = store.Submit(job);
        switch (status)
        {
            case SubmitStatus.Existing:
                return Results.Json(stored.Snapshot());
            case SubmitStatus.OutputInUse:
                return Error(StatusCodes.Status409Conflict, $"Job {stored.Id} is writing the output '{output}'.", "output_in_use");
            case SubmitStatus.QueueFull:
                context.Response.Headers.RetryAfter = "30";
                return Error(StatusCodes.Status429TooManyRequests, "The merge queue is full; retry later.", "queue_full");
            default:
                return Results.Json(job.Snapshot(), statusCode: StatusCodes.Status202Accepted)
                    .WithLocation($"/v1/merges/{job.Id}");
        }
    }

    private static IResult Error(int status, string message, string code) =>
        Results.Json(new MergeErrorResponse(message, code, []), statusCode: status);

    private static IResult WithLocation(this IResult result, string location) => new LocatedResult(result, location);

    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>A recipe checked for submission: parsed against the models root, model paths confined to it, then fully validated.</summary>
internal sealed record MergeSubmission(MergeRecipe? Recipe, IReadOnlyList<string> Problems, string Code, MergeValidationView? Report)
{
    public static MergeSubmission Prepare(MergeJobRequest request, MergeJobOptions settings)
    {
        MergeRecipe recipe;
        try
        {
            recipe = MergeRecipe.Parse(request.Recipe!, settings.ResolvedModelsRoot);
        }
        catch (RecipeValidationException ex)
        {
            return new MergeSubmission(null, ex.Problems, "invalid_recipe", null);
        }

        var pathProblems = new ModelPathPolicy(settings.ResolvedModelsRoot).Check(recipe);
        if (pathProblems.Count > 0)
        {
            return new MergeSubmission(null, [.. pathProblems, .. recipe.SyntaxProblems], "path_not_allowed", null);
        }

        var report = RecipeValidator.Validate(recipe);
        return report.IsValid
            ? new MergeSubmission(recipe, [], string.Empty, MergeValidationView.From(report))
            : new MergeSubmission(null, report.Problems, "invalid_recipe", MergeValidationView.From(report));
    }
}
