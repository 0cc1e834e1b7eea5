using System.Text.Json;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Events;

/// <summary>
/// Builds events. The id derives from the id of the run that raises the event and the event type, so a replayed or
/// retried run raises the same event again (consumers deduplicate by id) and orchestrations stay deterministic.
/// </summary>
public static class GraphEvents
{
    public const string Source = "/graphfusion";

    public static string IdFor(string runId, string type) => StableId.Of("evt_", runId, type);

    public static GraphEvent Create<T>(string runId, string type, string? subject, DateTimeOffset time, T data) =>
        new(IdFor(runId, type), type, Source, subject, time, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web));

    public static GraphEvent DocumentIngested(string runId, DateTimeOffset time, DocumentIngestedData data) =>
        Create(runId, EventTypes.DocumentIngested, $"documents/{data.DocumentId}", time, data);

    public static GraphEvent DocumentFailed(string runId, DateTimeOffset time, DocumentFailedData data) =>
        Create(runId, EventTypes.DocumentFailed, $"documents/{data.DocumentId}", time, data);

    public static GraphEvent DocumentRemoved(string runId, DateTimeOffset time, DocumentRemovedData data) =>
        Create(runId, EventTypes.DocumentRemoved, $"documents/{data.DocumentId}", time, data);

    public static GraphEvent GraphRefused(string runId, DateTimeOffset time, GraphRefusedData data) =>
        Create(runId, EventTypes.GraphRefused, "graph", time, data);

    public static GraphEvent ModelMerged(string runId, DateTimeOffset time, ModelMergedData data) =>
        Create(runId, EventTypes.ModelMerged, $"models/{data.Model}", time, data);
}
