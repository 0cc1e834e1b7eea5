namespace GraphFusion.Core.Events;

/// <summary>The CloudEvents <c>type</c> values GraphFusion publishes.</summary>
public static class EventTypes
{
    public const string DocumentIngested = "document.ingested";
    public const string DocumentFailed = "document.failed";
    public const string DocumentRemoved = "document.removed";
    public const string GraphRefused = "graph.refused";
    public const string ModelMerged = "model.merged";

    public static IReadOnlyList<string> All { get; } = [DocumentIngested, DocumentFailed, DocumentRemoved, GraphRefused, ModelMerged];
}
