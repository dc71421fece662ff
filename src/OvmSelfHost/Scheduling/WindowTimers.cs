using Quartz;

namespace OvmSelfHost.Scheduling;

/// <summary>
/// Puts each window on the persistent Quartz store: its calendar of excluded dates, a cron trigger
/// at every opening, and one self-renewing trigger for the next reminder or close. Idempotent, so a
/// restart replaces rather than duplicates.
/// </summary>
/// <remarks>
/// Misfire policy: a missed opening is not fired late (<c>DoNothing</c>); a missed reminder or close
/// fires once at start-up (<c>FireNow</c>), which only makes the engine look at the clock again.
/// Either way no step starts outside its window, because the engine checks the window itself.
/// </remarks>
internal sealed class WindowTimers(QuartzMaintenanceWindows windows, TimeProvider time)
{
    public const string Group = "ovm-windows";

    public async Task RegisterAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<WindowEdgeJob>().WithIdentity(WindowEdgeJob.Key).StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await ForgetRemovedAsync(scheduler, cancellationToken);
        foreach (var window in windows.All)
        {
            await scheduler.AddCalendar(window.CalendarName, window.Calendar, AddCalendarOptions.ReplacingAndUpdatingTriggers, cancellationToken);
            var opening = TriggerBuilder.Create()
                .WithIdentity($"open-{window.Name}", Group)
                .ForJob(WindowEdgeJob.Key)
                .UsingJobData(WindowEdgeJob.WindowKey, window.Name)
                .WithCronSchedule(window.CronText, c => c.InTimeZone(window.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .WithCalendarName(window.CalendarName)
                .Build();
            await Replace(scheduler, opening, cancellationToken);
            await ScheduleNextEdgeAsync(scheduler, window.Name, cancellationToken);
        }
    }

    /// <summary>The next reminder (before an opening) or close (of the current opening), whichever comes first.</summary>
    public async Task ScheduleNextEdgeAsync(IScheduler scheduler, string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = windows.All.SingleOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
        if (window is null)
        {
            // Removed from configuration since the trigger was stored: it has no edges any more.
            await scheduler.UnscheduleJob(new TriggerKey($"edge-{name}", Group), cancellationToken);
            return;
        }

        var edges = window.Openings(now, 2)
            .SelectMany(o => new[] { o.OpensAt - windows.ReminderBefore, o.ClosesAt })
            .Where(at => at > now)
            .Order()
            .ToList();
        var key = new TriggerKey($"edge-{window.Name}", Group);
        if (edges.Count == 0)
        {
            await scheduler.UnscheduleJob(key, cancellationToken);
            return;
        }

        var edge = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(WindowEdgeJob.Key)
            .UsingJobData(WindowEdgeJob.WindowKey, window.Name)
            .StartAt(edges[0])
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await Replace(scheduler, edge, cancellationToken);
    }

    public bool IsConfigured(string name) => windows.All.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The store outlives configuration: the triggers and calendar of a window removed since the last
    /// start are deleted, so they neither fire nor throw.
    /// </summary>
    private async Task ForgetRemovedAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken))
        {
            var name = key.Name.StartsWith("open-", StringComparison.Ordinal) || key.Name.StartsWith("edge-", StringComparison.Ordinal) ? key.Name[5..] : null;
            if (name is null || !IsConfigured(name))
            {
                await scheduler.UnscheduleJob(key, cancellationToken);
            }
        }

        foreach (var calendar in await scheduler.GetCalendarNames(cancellationToken))
        {
            if (calendar.StartsWith("window-", StringComparison.Ordinal) && !IsConfigured(calendar["window-".Length..]))
            {
                await scheduler.DeleteCalendar(calendar, cancellationToken);
            }
        }
    }

    private static Task Replace(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken) =>
        scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken).AsTask();
}
