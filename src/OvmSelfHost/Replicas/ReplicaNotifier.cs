using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Replicas;

/// <summary>Tells the other replicas of every saved change and output line (their consoles, and the run's executor).</summary>
internal sealed class ReplicaNotifier(ReplicaBus bus) : IRunNotifier
{
    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken) =>
        bus.PublishAsync("changed", run.Id, what, run.State.ToString(), run.Phase, run.Step.ToString(), cancellationToken, run.Version);

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken) =>
        bus.PublishAsync("output", migrationId, line, null, phase, step.ToString(), cancellationToken);
}
