using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Activities;

/// <summary>The activity functions: bindings only; the bodies are the shared <see cref="PipelineActivities"/>.</summary>
public sealed class PipelineActivityFunctions(PipelineActivities activities)
{
    [Function(ActivityNames.PrepareDocument)]
    public Task<PreparedDocument> PrepareDocument([ActivityTrigger] IngestRequest input) => activities.PrepareDocumentAsync(input);

    [Function(ActivityNames.ExtractChunks)]
    public Task<ExtractBatchResult> ExtractChunks([ActivityTrigger] ExtractBatchRequest input) => activities.ExtractChunksAsync(input);

    [Function(ActivityNames.LinkDocument)]
    public Task<LinkResult> LinkDocument([ActivityTrigger] LinkRequest input) => activities.LinkDocumentAsync(input);

    [Function(ActivityNames.FuseKeys)]
    public Task<FusionReport> FuseKeys([ActivityTrigger] FuseRequest input) => activities.FuseKeysAsync(input);

    [Function(ActivityNames.CompleteDocument)]
    public Task<DocumentRecord> CompleteDocument([ActivityTrigger] CompleteRequest input) => activities.CompleteDocumentAsync(input);

    [Function(ActivityNames.FailDocument)]
    public Task<DocumentRecord> FailDocument([ActivityTrigger] FailRequest input) => activities.FailDocumentAsync(input);

    [Function(ActivityNames.RetractDocument)]
    public Task<IReadOnlyList<string>> RetractDocument([ActivityTrigger] string documentId) => activities.RetractDocumentAsync(documentId);

    [Function(ActivityNames.ListTouchedKeys)]
    public Task<IReadOnlyList<string>> ListTouchedKeys([ActivityTrigger] int limit) => activities.ListTouchedKeysAsync(limit);

    [Function(ActivityNames.FindRemovedDocuments)]
    public Task<IReadOnlyList<string>> FindRemovedDocuments([ActivityTrigger] int limit) => activities.FindRemovedDocumentsAsync(limit);

    [Function(ActivityNames.ProposeRelations)]
    public Task<ProposalReport> ProposeRelations([ActivityTrigger] int unused) => activities.ProposeRelationsAsync();

    [Function(ActivityNames.AdjudicateConflicts)]
    public Task<AdjudicationReport> AdjudicateConflicts([ActivityTrigger] int unused) => activities.AdjudicateConflictsAsync();

    [Function(ActivityNames.ListDocumentsToRelink)]
    public Task<IReadOnlyList<string>> ListDocumentsToRelink([ActivityTrigger] int unused) => activities.ListDocumentsToRelinkAsync();

    [Function(ActivityNames.RelinkDocuments)]
    public Task<RelinkResult> RelinkDocuments([ActivityTrigger] IReadOnlyList<string> documentIds) => activities.RelinkDocumentsAsync(documentIds);

    [Function(ActivityNames.PredictLinks)]
    public Task<LinkPredictionReport> PredictLinks([ActivityTrigger] PredictLinksRequest input) => activities.PredictLinksAsync(input);
}
