using GraphFusion.Core.Webhooks;
using Microsoft.DurableTask;

namespace GraphFusion.Workflows;

/// <summary>
/// Delivers one event to one webhook: an attempt per activity, durable timers between attempts on the request's
/// exponential schedule, and a dead-letter record with the last reason once the attempts are spent or a failure is final.
/// </summary>
public static class DeliverWebhookOrchestration
{
    public static string InstanceId(WebhookDeliveryRequest request) => $"deliver-{request.DeliveryId}";

    public static async Task<WebhookDelivery> RunAsync(TaskOrchestrationContext context, WebhookDeliveryRequest request)
    {
        WebhookSendResult last = WebhookSendResult.Permanent("no attempt was made");
        var attempts = 0;
        for (var attempt = 1; attempt <= Math.Max(1, request.Policy.MaxAttempts); attempt++)
        {
            attempts = attempt;
            context.SetCustomStatus(new { attempt });
            try
            {
                last = await context.CallActivityAsync<WebhookSendResult>(ActivityNames.SendWebhook, new WebhookAttempt(request, attempt));
            }
            catch (TaskFailedException ex)
            {
                last = WebhookSendResult.Transient(ex.FailureDetails.ErrorMessage);
            }

            if (last.Delivered || !last.Retryable)
            {
                break;
            }

            if (attempt < request.Policy.MaxAttempts)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + request.Policy.DelayAfter(attempt), CancellationToken.None);
            }
        }

        var delivery = new WebhookDelivery(
            request.DeliveryId, request.SubscriptionId, request.Event.Id, request.Event.Type,
            last.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.DeadLettered,
            attempts, last.StatusCode, last.Delivered ? null : $"dead-lettered after {attempts} attempt(s): {last.Error}",
            new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        if (!last.Delivered)
        {
            await context.CallActivityAsync<bool>(ActivityNames.RecordDelivery, delivery, PipelineRetry.Default);
        }

        return delivery;
    }
}
