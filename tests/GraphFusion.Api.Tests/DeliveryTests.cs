using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Events;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Webhooks;
using GraphFusion.Events;
using GraphFusion.Storage.Files;
using GraphFusion.Workflows;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Api.Tests;

public class DeliveryTests
{
    private static readonly WebhookRetryPolicy Fast = new(MaxAttempts: 4, InitialDelaySeconds: 0.3, MaxDelaySeconds: 1);

    [Fact]
    public void The_backoff_doubles_up_to_the_cap()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(480), TimeSpan.FromSeconds(960), TimeSpan.FromSeconds(1920)],
            WebhookRetryPolicy.Default.Schedule());
        Assert.Equal([TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(1)], Fast.Schedule());
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_the_event_on_the_third_attempt_after_growing_waits()
    {
        await using var receiver = await TestReceiver.StartAsync(n => n <= 2 ? 503 : 204);
        using var graph = new KnownGraph();
        var (result, webhooks, subscription) = await DeliverAsync(graph, receiver.Url);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Equal(3, result.Attempts);
        var requests = receiver.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.25), $"first wait {requests[1].At - requests[0].At}");
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromSeconds(0.55), $"second wait {requests[2].At - requests[1].At}");
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(subscription.Secret, r.Id, r.Timestamp, r.Body, r.Signature, DateTimeOffset.UtcNow)));
        var recorded = Assert.Single(await webhooks.ListDeliveriesAsync(subscription.Id, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Delivered, 3), (recorded.Status, recorded.Attempts));
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_dead_lettered_with_the_reason_visible_through_the_api()
    {
        await using var receiver = await TestReceiver.StartAsync(_ => 500);
        using var graph = new KnownGraph();
        var (result, webhooks, subscription) = await DeliverAsync(graph, receiver.Url);

        Assert.Equal(DeliveryStatus.DeadLettered, result.Status);
        Assert.Equal(Fast.MaxAttempts, receiver.Requests.Count);
        var endpoints = new WebhookEndpoints(webhooks, new WebhookUrlPolicy(true), TimeProvider.System);
        var json = await ApiCalls.ExecuteAsync(await endpoints.DeliveriesAsync(subscription.Id, CancellationToken.None));
        Assert.Contains("dead-lettered after 4 attempt(s): receiver answered 500", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"dead-lettered\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_410_Gone_is_final_and_a_forbidden_address_is_never_contacted()
    {
        await using var receiver = await TestReceiver.StartAsync(_ => 410);
        using var graph = new KnownGraph();
        var (gone, _, _) = await DeliverAsync(graph, receiver.Url);
        Assert.Equal((DeliveryStatus.DeadLettered, 1), (gone.Status, gone.Attempts));

        using var strict = new KnownGraph();
        var (forbidden, _, _) = await DeliverAsync(strict, receiver.Url, allowPrivate: false);
        Assert.Equal((DeliveryStatus.DeadLettered, 1), (forbidden.Status, forbidden.Attempts));
        Assert.Contains("https", forbidden.LastError, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    private static async Task<(WebhookDelivery Result, IWebhookStore Webhooks, WebhookSubscription Subscription)> DeliverAsync(KnownGraph graph, string url, bool allowPrivate = true)
    {
        var webhooks = new StateWebhookStore(graph.Store);
        var subscription = new WebhookSubscription("wh_test", url, [EventTypes.DocumentIngested], WebhookSignature.NewSecret(), DateTimeOffset.UtcNow);
        await webhooks.AddAsync(subscription, CancellationToken.None);
        var policy = new WebhookUrlPolicy(allowPrivate);
        var events = new EventActivities(
            NullEventPublisher.Instance, webhooks, new HttpWebhookSender(new HttpClient(HttpWebhookSender.CreateHandler(policy))), policy, Fast, TimeProvider.System);
        var activities = PipelineFactory.CreateActivities(graph.Store, new FileDocumentSource(), new StatisticalExtractor());
        LocalDurableHost? host = null;
        await using var started = host = await LocalDurableHost.StartAsync(
            registry => registry.AddGraphFusionPipeline(() => activities, () => events, () => new DurableDeliveryScheduler(host!.Client)), 4, CancellationToken.None);

        var graphEvent = GraphEvents.DocumentIngested("ingest-test", DateTimeOffset.UtcNow, new DocumentIngestedData("d-1", "one.md", 1, 1, 2, 1));
        Assert.Equal(1, await events.PublishEventAsync(graphEvent, new DurableDeliveryScheduler(host.Client)));
        Assert.Equal(1, await events.PublishEventAsync(graphEvent, new DurableDeliveryScheduler(host.Client))); // idempotent: same instance

        var request = new WebhookDeliveryRequest(WebhookDeliveryRequest.IdFor(graphEvent.Id, subscription.Id), subscription.Id, graphEvent, Fast);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(DeliverWebhookOrchestration.InstanceId(request), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return (metadata.ReadOutputAs<WebhookDelivery>()!, webhooks, subscription);
    }
}
