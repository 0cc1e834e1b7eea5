namespace GraphFusion.Workflows;

/// <summary>Names of orchestrations and activities; the Functions app's function names must match them.</summary>
public static class ActivityNames
{
    public const string IngestDocument = nameof(IngestDocument);
    public const string RemoveDocument = nameof(RemoveDocument);
    public const string RefuseGraph = nameof(RefuseGraph);

    public const string PrepareDocument = nameof(PrepareDocument);
    public const string ExtractChunks = nameof(ExtractChunks);
    public const string LinkDocument = nameof(LinkDocument);
    public const string FuseKeys = nameof(FuseKeys);
    public const string CompleteDocument = nameof(CompleteDocument);
    public const string FailDocument = nameof(FailDocument);
    public const string RetractDocument = nameof(RetractDocument);
    public const string ListTouchedKeys = nameof(ListTouchedKeys);
    public const string FindRemovedDocuments = nameof(FindRemovedDocuments);
    public const string PredictLinks = nameof(PredictLinks);
    public const string AdjudicateConflicts = nameof(AdjudicateConflicts);
    public const string ProposeRelations = nameof(ProposeRelations);

    public const string IndexReference = nameof(IndexReference);
    public const string ReadReference = nameof(ReadReference);
    public const string RecordReference = nameof(RecordReference);
    public const string RemoveReference = nameof(RemoveReference);
    public const string FindRemovedReferences = nameof(FindRemovedReferences);
    public const string ListDocumentsToRelink = nameof(ListDocumentsToRelink);
    public const string RelinkDocuments = nameof(RelinkDocuments);

    public const string DeliverWebhook = nameof(DeliverWebhook);
    public const string PublishEvent = nameof(PublishEvent);
    public const string SendWebhook = nameof(SendWebhook);
    public const string RecordDelivery = nameof(RecordDelivery);
}
