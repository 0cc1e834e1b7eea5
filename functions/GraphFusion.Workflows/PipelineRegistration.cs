using GraphFusion.Core.Events;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Core.Webhooks;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>Registers the orchestrations and activities with a Durable Task worker outside the Functions host.</summary>
public static class PipelineRegistration
{
    /// <summary>
    /// Without <paramref name="events"/>, <c>PublishEvent</c> is a no-op and webhook delivery is not registered; with it,
    /// deliveries are started through <paramref name="scheduler"/>. Without <paramref name="references"/>, references cannot be
    /// indexed and the re-fusion pass finds none to remove.
    /// </summary>
    public static DurableTaskRegistry AddGraphFusionPipeline(
        this DurableTaskRegistry registry,
        Func<PipelineActivities> activities,
        Func<EventActivities>? events = null,
        Func<IDeliveryScheduler>? scheduler = null,
        Func<ReferenceActivities>? references = null)
    {
        registry.AddOrchestratorFunc<IngestRequest, IngestOutcome>(ActivityNames.IngestDocument, IngestDocumentOrchestration.RunAsync);
        registry.AddOrchestratorFunc<string, FusionReport>(ActivityNames.RemoveDocument, RemoveDocumentOrchestration.RunAsync);
        registry.AddOrchestratorFunc<int, FusionReport>(ActivityNames.RefuseGraph, RefuseGraphOrchestration.RunAsync);

        registry.AddActivityFunc<IngestRequest, PreparedDocument>(ActivityNames.PrepareDocument, (_, input) => activities().PrepareDocumentAsync(input));
        registry.AddActivityFunc<ExtractBatchRequest, ExtractBatchResult>(ActivityNames.ExtractChunks, (_, input) => activities().ExtractChunksAsync(input));
        registry.AddActivityFunc<LinkRequest, LinkResult>(ActivityNames.LinkDocument, (_, input) => activities().LinkDocumentAsync(input));
        registry.AddActivityFunc<FuseRequest, FusionReport>(ActivityNames.FuseKeys, (_, input) => activities().FuseKeysAsync(input));
        registry.AddActivityFunc<CompleteRequest, DocumentRecord>(ActivityNames.CompleteDocument, (_, input) => activities().CompleteDocumentAsync(input));
        registry.AddActivityFunc<FailRequest, DocumentRecord>(ActivityNames.FailDocument, (_, input) => activities().FailDocumentAsync(input));
        registry.AddActivityFunc<string, IReadOnlyList<string>>(ActivityNames.RetractDocument, (_, input) => activities().RetractDocumentAsync(input));
        registry.AddActivityFunc<int, IReadOnlyList<string>>(ActivityNames.ListTouchedKeys, (_, input) => activities().ListTouchedKeysAsync(input));
        registry.AddActivityFunc<int, IReadOnlyList<string>>(ActivityNames.FindRemovedDocuments, (_, input) => activities().FindRemovedDocumentsAsync(input));
        registry.AddActivityFunc<int, AdjudicationReport>(ActivityNames.AdjudicateConflicts, (_, _) => activities().AdjudicateConflictsAsync());
        registry.AddActivityFunc<int, IReadOnlyList<string>>(ActivityNames.ListDocumentsToRelink, (_, _) => activities().ListDocumentsToRelinkAsync());
        registry.AddActivityFunc<IReadOnlyList<string>, RelinkResult>(ActivityNames.RelinkDocuments, (_, input) => activities().RelinkDocumentsAsync(input));
        if (references is null)
        {
            registry.AddActivityFunc<int, IReadOnlyList<string>>(ActivityNames.FindRemovedReferences, (_, _) => Task.FromResult<IReadOnlyList<string>>([]));
        }
        else
        {
            registry.AddOrchestratorFunc<IndexReferenceRequest, IndexReferenceOutcome>(ActivityNames.IndexReference, IndexReferenceOrchestration.RunAsync);
            registry.AddActivityFunc<IndexReferenceRequest, StagedReference>(ActivityNames.ReadReference, (_, input) => references().ReadReferenceAsync(input));
            registry.AddActivityFunc<StagedReference, ReferenceRecord>(ActivityNames.RecordReference, (_, input) => references().RecordReferenceAsync(input));
            registry.AddActivityFunc<string, bool>(ActivityNames.RemoveReference, (_, input) => references().RemoveReferenceAsync(input));
            registry.AddActivityFunc<int, IReadOnlyList<string>>(ActivityNames.FindRemovedReferences, (_, input) => references().FindRemovedReferencesAsync(input));
        }

        registry.AddActivityFunc<PredictLinksRequest, LinkPredictionReport>(ActivityNames.PredictLinks, (_, input) => activities().PredictLinksAsync(input));
        registry.AddActivityFunc<int, ProposalReport>(ActivityNames.ProposeRelations, (_, _) => activities().ProposeRelationsAsync());
        if (events is null || scheduler is null)
        {
            registry.AddActivityFunc<GraphEvent, int>(ActivityNames.PublishEvent, (_, _) => Task.FromResult(0));
            return registry;
        }

        registry.AddOrchestratorFunc<WebhookDeliveryRequest, WebhookDelivery>(ActivityNames.DeliverWebhook, DeliverWebhookOrchestration.RunAsync);
        registry.AddActivityFunc<GraphEvent, int>(ActivityNames.PublishEvent, (_, input) => events().PublishEventAsync(input, scheduler()));
        registry.AddActivityFunc<WebhookAttempt, WebhookSendResult>(ActivityNames.SendWebhook, (_, input) => events().SendWebhookAsync(input));
        registry.AddActivityFunc<WebhookDelivery, bool>(ActivityNames.RecordDelivery, (_, input) => events().RecordDeliveryAsync(input));
        return registry;
    }
}
