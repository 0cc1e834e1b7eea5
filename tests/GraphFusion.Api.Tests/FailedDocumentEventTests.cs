using System.Collections.Concurrent;
using System.Text.Json;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Events;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Core.Webhooks;
using GraphFusion.Events;
using GraphFusion.Storage.Files;
using GraphFusion.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Api.Tests;

/// <summary>A document that cannot be read is reported failed with its reason in an event, as in its status.</summary>
public sealed class FailedDocumentEventTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("gf-failed-event-").FullName;

    [Fact]
    public async Task A_corrupt_document_publishes_document_failed_with_the_reason_its_status_shows()
    {
        var file = Path.Combine(root, "corrupt.pdf");
        await File.WriteAllTextAsync(file, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\ngarbage\n%%EOF");
        using var graph = new KnownGraph();
        var published = new RecordingPublisher();
        var policy = new WebhookUrlPolicy(true);
        var events = new EventActivities(
            published, new StateWebhookStore(graph.Store), new HttpWebhookSender(new HttpClient(HttpWebhookSender.CreateHandler(policy))), policy, WebhookRetryPolicy.Default, TimeProvider.System);
        var activities = PipelineFactory.CreateActivities(graph.Store, new FileDocumentSource(), new StatisticalExtractor());
        LocalDurableHost? host = null;
        await using var started = host = await LocalDurableHost.StartAsync(
            registry => registry.AddGraphFusionPipeline(() => activities, () => events, () => new DurableDeliveryScheduler(host!.Client)), 4, CancellationToken.None);

        var request = new IngestRequest(file);
        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            ActivityNames.IngestDocument, request, new StartOrchestrationOptions(IngestDocumentOrchestration.InstanceId(request)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var record = await graph.Store.GetDocumentAsync(request.DocumentId, CancellationToken.None);
        Assert.Equal(DocumentStatus.Failed, record!.Status);
        Assert.Contains("corrupt or unreadable PDF", record.Error, StringComparison.Ordinal);
        var failed = Assert.Single(published.Events, e => e.Type == EventTypes.DocumentFailed);
        var data = failed.Data.Deserialize<DocumentFailedData>(JsonSerializerOptions.Web)!;
        Assert.Equal(request.DocumentId, data.DocumentId);
        Assert.Equal(record.Error, data.Error);
        Assert.DoesNotContain(published.Events, e => e.Type == EventTypes.DocumentIngested);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private sealed class RecordingPublisher : IEventPublisher
    {
        private readonly ConcurrentQueue<GraphEvent> events = new();

        public IReadOnlyList<GraphEvent> Events => [.. events];

        public Task PublishAsync(GraphEvent graphEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(graphEvent);
            return Task.CompletedTask;
        }
    }
}
