using Quartz;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Scheduling;

/// <summary>
/// Fires at a window's edges (reminder, opening, close) and only wakes the runs bound to it: the
/// engine decides from the current time what may happen. A thin adapter, no runbook logic here.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WindowEdgeJob(MigrationEngine engine, IRunDriver driver, WindowTimers timers) : IJob
{
    public static readonly JobKey Key = new("window-edge", "ovm");

    public const string WindowKey = "window";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var window = context.MergedJobDataMap.GetString(WindowKey);
        if (window is null)
        {
            return;
        }

        if (!timers.IsConfigured(window))
        {
            // A trigger of a window removed from configuration (stored before the change): drop it, wake nobody.
            await context.Scheduler.UnscheduleJob(context.Trigger.Key, cancellationToken);
            return;
        }

        foreach (var run in await engine.ListAsync(cancellationToken))
        {
            if (!run.IsTerminal && string.Equals(run.Window, window, StringComparison.OrdinalIgnoreCase))
            {
                driver.Kick(run.Id);
            }
        }

        await timers.ScheduleNextEdgeAsync(context.Scheduler, window, cancellationToken);
    }
}
