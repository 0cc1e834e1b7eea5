using GraphFusion.Core.Events;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>
/// Ingests one document version: prepare (text, chunks) → fan-out extraction over chunk batches → link (claims) →
/// fuse the touched keys into the global graph → complete. Deterministic: all I/O happens in activities.
/// </summary>
public static class IngestDocumentOrchestration
{
    public const int ChunksPerBatch = 8;
    public const int BatchesInFlight = 16;

    /// <summary>Instance ids change with content: an identical re-upload reuses the id, a new version gets a new one.</summary>
    public static string InstanceId(IngestRequest request) => $"ingest-{request.DocumentId}-{request.ContentHash ?? "latest"}";

    public static async Task<IngestOutcome> RunAsync(TaskOrchestrationContext context, IngestRequest request)
    {
        context.SetCustomStatus(new IngestProgress("reading", 0, 0));
        PreparedDocument prepared;
        try
        {
            prepared = await context.CallActivityAsync<PreparedDocument>(ActivityNames.PrepareDocument, request, PipelineRetry.Default);
        }
        catch (TaskFailedException ex)
        {
            // Reading failed for good (not a rejection, which comes back as an error): the document still gets its reason.
            var unread = new PreparedDocument(request.DocumentId, request.Reference, "", [], false, null);
            return await FailAsync(context, unread, $"{request.Reference}: cannot be read ({ex.FailureDetails.ErrorMessage})", 0);
        }

        if (prepared.Unchanged)
        {
            context.SetCustomStatus(new IngestProgress("unchanged", 0, 0));
            return new IngestOutcome(prepared.DocumentId, prepared.Name, "Unchanged", null, 0, 0, 0, 0);
        }

        if (prepared.Error is not null)
        {
            return await FailAsync(context, prepared, prepared.Error, 0);
        }

        IngestOutcome ingested;
        try
        {
            var total = prepared.ChunkIds.Count;
            var done = 0;
            var extracted = 0;
            context.SetCustomStatus(new IngestProgress("extracting", 0, total));
            foreach (var wave in prepared.ChunkIds.Chunk(ChunksPerBatch).Chunk(BatchesInFlight))
            {
                var results = await Task.WhenAll(wave.Select(batch =>
                    context.CallActivityAsync<ExtractBatchResult>(ActivityNames.ExtractChunks, new ExtractBatchRequest(prepared.DocumentId, batch), PipelineRetry.Default)));
                done += wave.Sum(b => b.Length);
                extracted += results.Sum(r => r.Extracted);
                context.SetCustomStatus(new IngestProgress("extracting", done, total));
            }

            context.SetCustomStatus(new IngestProgress("linking", done, total));
            var link = await context.CallActivityAsync<LinkResult>(
                ActivityNames.LinkDocument, new LinkRequest(prepared.DocumentId, prepared.Version, prepared.ChunkIds), PipelineRetry.Default);

            context.SetCustomStatus(new IngestProgress("fusing", done, total));
            var fusion = await context.CallActivityAsync<FusionReport>(ActivityNames.FuseKeys, new FuseRequest(link.TouchedKeys), PipelineRetry.Default);
            await context.CallActivityAsync<DocumentRecord>(
                ActivityNames.CompleteDocument, new CompleteRequest(prepared.DocumentId, prepared.Version, fusion), PipelineRetry.Default);
            context.SetCustomStatus(new IngestProgress("ingested", done, total));
            ingested = new IngestOutcome(prepared.DocumentId, prepared.Name, "Ingested", null, total, extracted, fusion.EntitiesWritten, fusion.RelationsWritten);
        }
        catch (TaskFailedException ex)
        {
            return await FailAsync(context, prepared, $"{prepared.Name}: {ex.FailureDetails.ErrorMessage}", prepared.ChunkIds.Count);
        }

        await EventPublishing.PublishAsync(context, GraphEvents.DocumentIngested(context.InstanceId, EventPublishing.Now(context), new DocumentIngestedData(
            ingested.DocumentId, ingested.Name, ingested.Chunks, ingested.ChunksExtracted, ingested.Entities, ingested.Relations)));
        return ingested;
    }

    private static async Task<IngestOutcome> FailAsync(TaskOrchestrationContext context, PreparedDocument prepared, string error, int chunks)
    {
        await context.CallActivityAsync<DocumentRecord>(ActivityNames.FailDocument, new FailRequest(prepared.DocumentId, prepared.Name, error), PipelineRetry.Default);
        context.SetCustomStatus(new IngestProgress("failed", 0, chunks));
        await EventPublishing.PublishAsync(context, GraphEvents.DocumentFailed(context.InstanceId, EventPublishing.Now(context), new DocumentFailedData(prepared.DocumentId, prepared.Name, error)));
        return new IngestOutcome(prepared.DocumentId, prepared.Name, "Failed", error, chunks, 0, 0, 0);
    }
}
