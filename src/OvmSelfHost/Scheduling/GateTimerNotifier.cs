using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Scheduling;

/// <summary>
/// After every saved change, puts the timers of the gate opening it left waiting on Quartz. Told only after
/// the save, so a timer never exists for an opening that was not stored; a crash in between is made good
/// by <see cref="GateTimersService"/> at the next start.
/// </summary>
internal sealed class GateTimerNotifier(GateTimers timers) : IRunNotifier
{
    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken) => timers.ScheduleAsync(run, cancellationToken);

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken) => Task.CompletedTask;
}
