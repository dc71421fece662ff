using Quartz;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Scheduling;

/// <summary>Registers the gate timer job once the scheduler exists, and the timers of every gate waiting now (those a crash left unscheduled).</summary>
internal sealed class GateTimersService(ISchedulerFactory schedulers, GateTimers timers, MigrationEngine engine) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await GateTimers.RegisterJobAsync(await schedulers.GetScheduler(cancellationToken), cancellationToken);
        foreach (var run in await engine.ListAsync(cancellationToken))
        {
            if (!run.IsTerminal)
            {
                await timers.ScheduleAsync(run, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
