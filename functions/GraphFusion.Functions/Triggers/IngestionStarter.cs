using System.Collections.Concurrent;
using GraphFusion.Core.Pipeline;
using GraphFusion.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Triggers;

/// <summary>
/// Starts an ingestion unless one for the same document version exists: identical re-uploads and duplicate events are no-ops,
/// also when they arrive at the same time (one start at a time per instance id here; a start that loses a race with
/// another host instance finds the winner's instance).
/// </summary>
public static class IngestionStarter
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Starting = new(StringComparer.Ordinal);

    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, IngestRequest request, CancellationToken cancellationToken)
    {
        var instanceId = IngestDocumentOrchestration.InstanceId(request);
        var gate = Starting.GetOrAdd(instanceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await OrchestrationStarts.IsLiveOrDoneAsync(client, instanceId, cancellationToken))
            {
                return (instanceId, false);
            }

            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.IngestDocument, request, new StartOrchestrationOptions(instanceId), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!await OrchestrationStarts.IsLiveOrDoneAsync(client, instanceId, cancellationToken))
                {
                    throw;
                }

                return (instanceId, false);
            }

            return (instanceId, true);
        }
        finally
        {
            gate.Release();
            Starting.TryRemove(new KeyValuePair<string, SemaphoreSlim>(instanceId, gate));
        }
    }
}
