using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GraphFusion.Functions.Triggers;

/// <summary>Scheduled global re-fusion; the schedule is the <c>RefuseSchedule</c> app setting (NCRONTAB).</summary>
public static class RefuseTimer
{
    [Function(nameof(RefuseTimer))]
    public static async Task Run([TimerTrigger("%" + AppSettingNames.RefuseSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var scheduled = timer.ScheduleStatus?.Last ?? DateTime.UtcNow;
        var instanceId = RefuseGraphOrchestration.InstanceId(new DateTimeOffset(DateTime.SpecifyKind(scheduled, DateTimeKind.Utc)));
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ActivityNames.RefuseGraph, RefuseGraphOrchestration.MaxPasses, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
    }
}
