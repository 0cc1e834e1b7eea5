using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows;

/// <summary>
/// The activity bodies: one pipeline step each, plain inputs and outputs, no host types, so the Functions app and the
/// local runner call the same code. Every step is idempotent: activities may run more than once.
/// </summary>
public sealed class PipelineActivities(
    PrepareDocumentStep prepare,
    ExtractChunksStep extract,
    LinkDocumentStep link,
    FuseKeysStep fuse,
    CompleteDocumentStep complete,
    FailDocumentStep fail,
    RetractDocumentStep retract,
    ListTouchedKeysStep listTouched,
    FindRemovedDocumentsStep findRemoved,
    PredictLinksStep predictLinks,
    AdjudicateConflictsStep? adjudicate = null,
    RelinkDocumentsStep? relink = null,
    ProposeRelationsStep? propose = null)
{
    public Task<PreparedDocument> PrepareDocumentAsync(IngestRequest input) => prepare.RunAsync(input, CancellationToken.None);

    public Task<ExtractBatchResult> ExtractChunksAsync(ExtractBatchRequest input) => extract.RunAsync(input, CancellationToken.None);

    public Task<LinkResult> LinkDocumentAsync(LinkRequest input) => link.RunAsync(input, CancellationToken.None);

    public Task<FusionReport> FuseKeysAsync(FuseRequest input) => fuse.RunAsync(input, CancellationToken.None);

    public Task<DocumentRecord> CompleteDocumentAsync(CompleteRequest input) => complete.RunAsync(input, CancellationToken.None);

    public Task<DocumentRecord> FailDocumentAsync(FailRequest input) => fail.RunAsync(input, CancellationToken.None);

    public Task<IReadOnlyList<string>> RetractDocumentAsync(string documentId) => retract.RunAsync(documentId, CancellationToken.None);

    public Task<IReadOnlyList<string>> ListTouchedKeysAsync(int limit) => listTouched.RunAsync(limit, CancellationToken.None);

    public Task<IReadOnlyList<string>> FindRemovedDocumentsAsync(int limit) => findRemoved.RunAsync(limit, CancellationToken.None);

    public Task<LinkPredictionReport> PredictLinksAsync(PredictLinksRequest input) => predictLinks.RunAsync(CancellationToken.None);

    /// <summary>Without references there is nothing to re-link: no documents.</summary>
    public Task<IReadOnlyList<string>> ListDocumentsToRelinkAsync() =>
        relink?.ListDocumentsAsync(CancellationToken.None) ?? Task.FromResult<IReadOnlyList<string>>([]);

    public Task<RelinkResult> RelinkDocumentsAsync(IReadOnlyList<string> documentIds) =>
        relink?.RunAsync(documentIds, CancellationToken.None) ?? Task.FromResult(RelinkResult.Empty);

    /// <summary>Without a chat model configured there is nobody to propose: an empty report.</summary>
    public Task<ProposalReport> ProposeRelationsAsync() =>
        propose?.RunAsync(CancellationToken.None) ?? Task.FromResult(ProposalReport.None);

    /// <summary>Without a judge configured there is nothing to ask: an empty report.</summary>
    public Task<AdjudicationReport> AdjudicateConflictsAsync() =>
        adjudicate?.RunAsync(CancellationToken.None) ?? Task.FromResult(new AdjudicationReport(0, 0, 0, 0));
}
