using Microsoft.Extensions.Options;
using Quartz;

namespace OvmSelfHost.Readiness;

/// <summary>Puts the standing readiness check on the scheduler once it exists (replacing the trigger of an earlier configuration).</summary>
internal sealed class ReadinessSchedule(ISchedulerFactory schedulers, IOptions<ReadinessOptions> options) : IHostedService
{
    private static readonly TriggerKey Trigger = new("readiness", "ovm");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ReadinessJob>().WithIdentity(ReadinessJob.Key).StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Trigger)
            .ForJob(ReadinessJob.Key)
            // A check missed while the host was down is not made up for: the next one comes at its time.
            .WithCronSchedule(options.Value.Schedule, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
