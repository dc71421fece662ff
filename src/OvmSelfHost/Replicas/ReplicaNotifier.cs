using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Replicas;

/// <summary>
/// Tells the other replicas of every step output line (their consoles). A saved change needs nothing here: the store
/// announced it from inside the save (<see cref="ReplicaBus.Announcement"/>).
/// </summary>
internal sealed class ReplicaNotifier(ReplicaBus bus) : IRunNotifier
{
    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken) =>
        bus.PublishAsync("output", migrationId, line, null, phase, step.ToString(), cancellationToken);
}
